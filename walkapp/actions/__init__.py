"""Follow-up actions routed to an organisation, and their lifecycle."""
