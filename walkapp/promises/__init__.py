"""Agreements, citizen promises (medborgarlöften), their commitments and follow-up reports."""
