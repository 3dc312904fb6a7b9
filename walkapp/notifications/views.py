"""The outbox for administrators: every message, sent or waiting, with why it failed."""

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.notifications import queries
from walkapp.security import roles_required
from walkapp.web import to_id

bp = Blueprint("notifications", __name__, url_prefix="/admin/outbox")
PER_PAGE = 100


@bp.route("/")
@roles_required(Role.ADMIN)
def outbox():
    db = get_db()
    page = request.args.get("page", 1, type=to_id)
    messages, total = queries.outbox_page(db, current_user, page, PER_PAGE)
    return render_template(
        "notifications/outbox.html",
        messages=messages,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        is_sending=bool(current_app.config.get("MAIL_SERVER")),
    )
