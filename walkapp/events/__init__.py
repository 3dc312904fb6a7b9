"""The append-only event log: timelines, audit trail and public status notes all come from it."""
