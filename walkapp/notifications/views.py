"""The outbox for administrators: every message, sent or waiting, with why it failed."""

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.notifications.models import OutboxMessage
from walkapp.security import roles_required
from walkapp.web import to_id

bp = Blueprint("notifications", __name__, url_prefix="/admin/outbox")
PER_PAGE = 100


@bp.route("/")
@roles_required(Role.ADMIN)
def outbox():
    db = get_db()
    query = select(OutboxMessage)
    if not current_user.is_global_admin:
        query = query.where(OutboxMessage.municipality_id == current_user.municipality_id)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = request.args.get("page", 1, type=to_id)
    messages = db.scalars(
        query.order_by(OutboxMessage.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    return render_template(
        "notifications/outbox.html",
        messages=messages,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        is_sending=bool(current_app.config.get("MAIL_SERVER")),
    )
