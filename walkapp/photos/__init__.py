"""Photos of observations (before) and actions (after), stored through one storage interface."""
