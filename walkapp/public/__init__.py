"""Public pages of a municipality without login: its promises, published follow-ups, Atom feed."""
