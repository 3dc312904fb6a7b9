"""E-mail to handlers and participants, kept in an outbox so that nothing is lost."""
