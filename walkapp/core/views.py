"""The start page (each role sees its own work), the language switch and the error pages."""

import uuid
from datetime import date

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from walkapp.auth import services as auth_services
from walkapp.auth.models import Role
from walkapp.core import queries
from walkapp.core.forms import LanguageForm
from walkapp.db import get_db
from walkapp.errors import DomainError
from walkapp.photos.storage import get_storage
from walkapp.security import public, safe_next, wants_json
from walkapp.web import commit_service

bp = Blueprint("core", __name__)

_START_PAGES = {
    Role.PARTICIPANT: ("core/start_participant.html", queries.participant_start),
    Role.WALK_LEADER: ("core/start_walk_leader.html", queries.walk_leader_start),
    Role.SAFETY_CHIEF: ("core/start_safety_chief.html", queries.safety_chief_start),
    Role.POLICE_COORDINATOR: (
        "core/start_police_coordinator.html",
        queries.police_coordinator_start,
    ),
    Role.HANDLER: ("core/start_handler.html", queries.handler_start),
    Role.ADMIN: ("core/start_admin.html", queries.admin_start),
    Role.POLICE_AREA: ("core/start_police_area.html", queries.police_area_start),
}


@bp.route("/")
@public
def index():
    if not current_user.is_authenticated:
        return render_template("core/welcome.html")
    template, query = _START_PAGES[current_user.role]
    return render_template(template, **query(get_db(), current_user, date.today()))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    language = request.form.get("language", "")
    if not form.validate_on_submit() or language not in current_app.config["LANGUAGES"]:
        return render_error(400, _("Unknown language."))
    session["language"] = language
    if current_user.is_authenticated:
        db = get_db()
        commit_service(db, lambda: auth_services.set_locale(db, current_user, language))
    return redirect(safe_next(form.next.data, url_for("core.index")))


_ERROR_MESSAGES = {
    400: lambda: _("The request could not be understood."),
    401: lambda: _("You need to log in."),
    403: lambda: _("You do not have permission to see this page."),
    404: lambda: _("The page could not be found."),
    405: lambda: _("That method is not allowed here."),
    409: lambda: _("That conflicts with what is already stored."),
    413: lambda: _("The upload is too large."),
    422: lambda: _("The request could not be processed."),
    429: lambda: _("Too many attempts. Wait a moment and try again."),
    500: lambda: _("Something went wrong on our side. Nothing you sent was lost."),
}


def render_error(status: int, message: str | None = None):
    message = message or _ERROR_MESSAGES.get(status, _ERROR_MESSAGES[500])()
    if wants_json():
        return jsonify({"error": {"code": status, "message": message}}), status
    return render_template("core/error.html", status=status, message=message), status


def handle_http_error(error: HTTPException):
    return render_error(error.code or 500)


def handle_csrf_error(_error: CSRFError):
    return render_error(
        400, _("The form had expired or was not sent from walkapp. Reload the page and try again.")
    )


def handle_domain_error(error: DomainError):
    get_db().rollback()
    return render_error(error.status_code, error.message)


def handle_unexpected_error(error: Exception):
    current_app.logger.exception("unhandled error", exc_info=error)
    get_db().rollback()
    return render_error(500)


def register_error_handlers(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(Exception, handle_unexpected_error)


@bp.route("/healthz")
@public
def healthz():
    """For the load balancer: the database answers and the photo store reads back a write."""
    checks = {}
    try:
        get_db().execute(text("SELECT 1"))
        checks["database"] = "ok"
    except SQLAlchemyError:
        checks["database"] = "failing"
    try:
        storage = get_storage()
        probe = f"healthz/{uuid.uuid4().hex}"
        storage.put(probe, b"ok")
        checks["storage"] = "ok" if storage.get(probe) == b"ok" else "failing"
        storage.delete(probe)
    except OSError:
        checks["storage"] = "failing"
    healthy = all(value == "ok" for value in checks.values())
    response = jsonify(status="ok" if healthy else "failing", **checks)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
