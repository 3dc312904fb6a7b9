"""Helpers shared by the views: the one run-and-commit helper, its error renderers, ids."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from walkapp.errors import BadInput, DomainError

T = TypeVar("T")


def form_status() -> int:
    """The status of a form page shown again: 422 after a rejected POST, else 200."""
    return 422 if request.method == "POST" else 200


@dataclass(frozen=True)
class Refusal:
    """A service said no and nothing was saved: the error, and its answer for the client."""

    error: DomainError
    # None for HTML: the view shows its own page again, with `status`.
    response: ResponseReturnValue | None = None

    @property
    def status(self) -> int:
        return self.error.status_code


# Turns a refusal into what the client sees: an HTML page flashes it, JSON and Open311 answer it.
ErrorRenderer = Callable[[DomainError], ResponseReturnValue | None]


def html_error(error: DomainError) -> None:
    """HTML: the reason as a flash message; the view renders its page with the status."""
    flash(error.message, "error")


def json_error_response(status: int, message: str, field: str | None = None):
    """The JSON API's error body: {"error": {"code", "message", "field"?}}."""
    body = {"error": {"code": status, "message": message}}
    if field:
        body["error"]["field"] = field
    return jsonify(body), status


def json_error(error: DomainError) -> ResponseReturnValue:
    """JSON: the error body with the refusal's status and, if the service named one, its field."""
    return json_error_response(error.status_code, str(error.message), getattr(error, "field", None))


def commit_service(
    db: Session, call: Callable[[], T], render: ErrorRenderer = html_error
) -> tuple[T | None, Refusal | None]:
    """The one run-and-commit helper: run a service and commit, or roll back and render why.

    A unique key taken between the service's check and its insert (a phone's retry arriving
    while its first try is still being stored) fails the transaction, which stored nothing: it is
    run once more, and the check then finds what the other request stored.
    """
    try:
        return _run_and_commit(db, call, render)
    except IntegrityError:
        db.rollback()
    return _run_and_commit(db, call, render)


def _run_and_commit(
    db: Session, call: Callable[[], T], render: ErrorRenderer
) -> tuple[T | None, Refusal | None]:
    try:
        result = call()
    except DomainError as error:
        db.rollback()
        return None, Refusal(error, render(error))
    db.commit()
    return result, None


def local_to_utc(value: datetime) -> datetime:
    """A time typed in a form (Swedish wall-clock time) as an aware UTC datetime."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=zone).astimezone(UTC)


# The largest id an INTEGER column holds on every database we run on.
MAX_ID = 2**31 - 1


def to_id(value) -> int:
    """An id (or page number) from a form or query string: `type=to_id` drops anything else."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise ValueError(value)
    return number


def reject_impossible_ids(endpoint, values) -> None:
    """An id beyond what a database column holds is simply not found.

    Without this, /walks/99999999999999999999 reaches the database, which cannot compare a
    number that large: an error instead of a 404.
    """
    if values and any(isinstance(v, int) and not 0 <= v <= MAX_ID for v in values.values()):
        abort(404)


def check_request_body():
    """Refuse, before any view, bodies no view of ours can take.

    JSON goes to the JSON API only: Flask-WTF would otherwise read a JSON body as form data and
    fail on anything but a flat object. And a NUL character is never text a person typed, and
    PostgreSQL cannot store it: refused in paths, query strings, form fields and JSON (uploaded
    files may hold any bytes). Blueprints may answer in their own shape (Open311 does).
    """
    if request.is_json and request.blueprint != "api":
        raise BadInput(_l("This address takes form data, not JSON."))
    values = [*request.args.values(), *request.form.values()]
    values += [str(value) for value in (request.view_args or {}).values()]
    if request.is_json:
        body = request.get_data(cache=True)
        if b"\x00" in body or b"\\u0000" in body:
            values.append("\x00")
    if any("\x00" in value for value in values):
        raise BadInput(_l("The request contains a character that cannot be stored."))
    if request.is_json:
        # Parsed here once (the view reads the cached result): JSON nested thousands deep makes
        # the parser raise RecursionError, a 500 in whichever view read it first.
        try:
            request.get_json(silent=True)
        except RecursionError:
            raise BadInput(_l("The JSON is nested too deeply.")) from None
