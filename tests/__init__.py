"""walkapp's test suite."""
