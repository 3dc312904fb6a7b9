"""Municipalities, their localities and the organisations that carry out actions."""
