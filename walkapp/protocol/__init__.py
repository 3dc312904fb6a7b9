"""The public walk protocol: what became of every observation of a walk, without personal data."""
