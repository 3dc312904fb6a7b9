"""The participant's side of a walk: joining by code and the offline-first field page."""
