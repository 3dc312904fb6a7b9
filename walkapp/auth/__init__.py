"""Accounts, roles, login and password management."""
