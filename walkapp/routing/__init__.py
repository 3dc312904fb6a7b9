"""Routing rules: which organisation a municipality gives each kind of observation."""
