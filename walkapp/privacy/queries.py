"""Reads of the audit trail, scoped to the administrator's municipality."""

from sqlalchemy import select

from walkapp import scope
from walkapp.privacy.models import AuditEntry


def recent_audit_entries(db, actor, limit: int = 200) -> list[AuditEntry]:
    """The latest audit entries of the actor's municipality (of all for a national admin)."""
    return db.scalars(
        select(AuditEntry)
        .where(scope.municipal(actor, AuditEntry.municipality_id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    ).all()
