"""Start pages for each role, the language switch and the error pages."""
