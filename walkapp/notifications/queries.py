"""Reads of the outbox, scoped to the administrator's municipality."""

from sqlalchemy import func, select

from walkapp import scope
from walkapp.notifications.models import OutboxMessage


def outbox_page(db, actor, page: int, per_page: int) -> tuple[list[OutboxMessage], int]:
    """One page of the municipality's messages, newest first, and how many there are in all."""
    query = select(OutboxMessage).where(scope.municipal(actor, OutboxMessage.municipality_id))
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    messages = db.scalars(
        query.order_by(OutboxMessage.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return messages, total
