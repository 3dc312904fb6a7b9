"""Observations pinned on walks, and the categories they are filed under."""
