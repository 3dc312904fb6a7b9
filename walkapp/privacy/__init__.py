"""Privacy: retention carried out, access requests and erasure, and the audit log."""
