"""Open311 GeoReport v2 for other systems, and the API keys that let them report."""
