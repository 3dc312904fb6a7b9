"""The JSON API: the field page's observations and photos, described by an OpenAPI document."""
