"""Alembic migrations for walkapp's schema (batch mode on SQLite)."""
