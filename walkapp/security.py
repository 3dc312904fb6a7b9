"""Access decisions per view, object scoping by municipality, safe redirects, security headers."""

import time
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from flask import (
    Flask,
    abort,
    current_app,
    g,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from itsdangerous import BadSignature

from walkapp import scope
from walkapp.auth.models import Role, User
from walkapp.tiles.services import tile_origin

PUBLIC = "public"
# Residents who joined by code have no account: the view checks their walk membership itself.
WALK_MEMBER = "walk_member"
ALL_ROLES = frozenset(Role)
STAFF = frozenset(
    {
        Role.WALK_LEADER,
        Role.SAFETY_CHIEF,
        Role.POLICE_COORDINATOR,
        Role.HANDLER,
        Role.ADMIN,
        Role.POLICE_AREA,
    }
)
# Endpoints Flask adds itself.
_BUILTIN_PUBLIC = frozenset({"static"})


def public(view: Callable) -> Callable:
    """Anyone, logged in or not, may use this view."""
    view.access = PUBLIC
    return view


def walk_member(view: Callable) -> Callable:
    """A participant of the walk in the URL (joined by code or by account), or its planners."""
    view.access = WALK_MEMBER
    return view


def roles_required(*roles: Role | Iterable[Role]) -> Callable[[Callable], Callable]:
    """Only a logged-in user with one of these roles may use this view."""
    allowed: set[Role] = set()
    for role in roles:
        allowed.update([role] if isinstance(role, Role) else role)

    def decorate(view: Callable) -> Callable:
        view.access = frozenset(allowed)
        return view

    return decorate


def access_of(app: Flask, endpoint: str):
    """The access decision of an endpoint: PUBLIC, a set of roles, or None when nobody decided."""
    if endpoint in _BUILTIN_PUBLIC:
        return PUBLIC
    view = app.view_functions.get(endpoint)
    return getattr(view, "access", None)


def enforce_access():
    """Run before every request: a view without a decision is refused, never left open."""
    if request.endpoint is None:  # no route matched: Flask answers 404/405 itself
        return None
    access = access_of(current_app, request.endpoint)
    if access is None:
        current_app.logger.error("no access decision for endpoint %s", request.endpoint)
        abort(403)
    if access in (PUBLIC, WALK_MEMBER):
        return None
    if not current_user.is_authenticated:
        if wants_json():
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if current_user.role not in access:
        abort(403)
    return None


def wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def in_scope(user: User, municipality_id: int | None) -> bool:
    """Whether the user may see objects of this municipality (a global admin sees all)."""
    return scope.sees_municipality(user, municipality_id)


def get_in_scope(db, model, object_id: int):
    """Load an object the actor may read by the one rule (walkapp.scope), or 404: never reveal
    that others exist."""
    obj = scope.get_scoped(db, current_user, model, object_id, joined_participant_ids())
    if obj is None:
        abort(404)
    return obj


def joined_participant_ids() -> list[int]:
    """The walk participants this device joined as (kept in the signed session)."""
    joined = session.get("walk_participants", {}) if has_request_context() else {}
    return [pid for pid in joined.values() if isinstance(pid, int)]


def safe_next(target: str | None, fallback: str) -> str:
    """A redirect target on this site only: a path, never a scheme, host or //host."""
    if not target or "\\" in target or any(ord(char) < 32 for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


# Responses a browser treats as a document (or a worker): the page-level policies apply to these.
# A script, stylesheet or image response ignores CSP, Permissions-Policy and X-Frame-Options.
DOCUMENT_TYPES = frozenset(
    {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/pdf"}
)
# Views whose answer is the same for everyone: no session cookie, no `Vary: Cookie`.
COOKIELESS = frozenset({"static", "field.service_worker"})
# A long-lived session's cookie is sent again (its expiry moved on) at most this often, not with
# every response: the bytes of a repeat visit, and the HTTP cache (a page that varies on Cookie).
SESSION_REFRESH_SECONDS = 3600


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, never on static files, refreshed at most once an hour."""

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at.timestamp()
        return session

    def should_set_cookie(self, app, session) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or time.time() - signed_at >= SESSION_REFRESH_SECONDS

    def save_session(self, app, session, response) -> None:
        if request.endpoint in COOKIELESS and not session.modified:
            return
        super().save_session(app, session, response)


def is_document(response) -> bool:
    return response.mimetype in DOCUMENT_TYPES or (
        request.endpoint == "field.service_worker"  # a worker's CSP is its script's
    )


def set_security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if current_app.config["HTTPS"] and request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not is_document(response):
        # Scripts, styles, images, JSON: the policies below act only on documents and workers.
        return response
    # Map images: the hosts of the tile sources this page's maps use (noted by
    # walkapp.tiles.views.source_for; walkapp's own "local" tiles need only 'self'), else the
    # installation's tile host.
    origins = g.get("tile_origins")
    if origins is None:
        origins = {tile_origin(current_app.config["MAP_TILE_URL"])}
    tile_sources = " ".join(sorted(o for o in origins if o))
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src 'self' data: blob: {tile_sources}".strip(),
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault(
        "Permissions-Policy", "geolocation=(self), camera=(self), microphone=()"
    )
    return response


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.before_request(enforce_access)
    app.after_request(set_security_headers)


def participant_for_walk(db, walk):
    """The walk participant behind this request: by the join in the session, or by account."""
    from sqlalchemy import select

    from walkapp.walks.models import WalkParticipant

    participant_id = session.get("walk_participants", {}).get(str(walk.id))
    if participant_id is not None:
        participant = db.get(WalkParticipant, participant_id)
        if participant is not None and participant.walk_id == walk.id:
            return participant
    if current_user.is_authenticated:
        return db.scalar(
            select(WalkParticipant).where(
                WalkParticipant.walk_id == walk.id, WalkParticipant.user_id == current_user.id
            )
        )
    return None


def remember_participant(participant) -> None:
    """Keep the join in the (signed, long-lived) session: the phone stays in the walk."""
    joined = dict(session.get("walk_participants", {}))
    joined[str(participant.walk_id)] = participant.id
    session["walk_participants"] = joined
    session.permanent = True
