"""Follow-ups of citizen promises, written and published jointly by municipality and police."""
