"""Login, logout, password change, and the administrator's user pages."""

import io
import time

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from walkapp.auth import queries, services, totp
from walkapp.auth.forms import (
    CodeForm,
    DisableTwoFactorForm,
    LoginForm,
    PasswordChangeForm,
    UserForm,
)
from walkapp.auth.models import Role, User
from walkapp.auth.throttle import LoginThrottle
from walkapp.db import get_db, utcnow
from walkapp.errors import DomainError
from walkapp.extensions import limiter
from walkapp.places import queries as place_queries
from walkapp.places.models import Municipality, Organisation, PoliceArea
from walkapp.security import ALL_ROLES, STAFF, public, roles_required, safe_next
from walkapp.web import commit_service, form_status

bp = Blueprint("auth", __name__)
# Per address: a person mistyping never meets it; a password-guessing script soon does (and
# the login throttle stops guessing at one e-mail, or many, from one address for longer).
LOGIN_LIMIT = "30 per minute"


def _password_rules() -> services.PasswordRules:
    return services.PasswordRules.from_config(current_app.config)


def _throttle() -> LoginThrottle:
    config = current_app.config
    secret = current_app.secret_key
    return LoginThrottle(
        strategy=limiter.limiter if limiter.enabled else None,
        key=secret if isinstance(secret, bytes) else secret.encode(),
        attempts=config["LOCKOUT_ATTEMPTS"],
        minutes=config["LOCKOUT_MINUTES"],
    )


def _complete_login(db, user: User) -> None:
    commit_service(
        db,
        lambda: services.record_login(
            db, user, throttle=_throttle(), address=get_remote_address(), now=utcnow()
        ),
    )
    login_user(user)


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(form.next.data, url_for("core.index")))
    status = form_status()
    if form.validate_on_submit():
        db = get_db()
        user, error = commit_service(
            db,
            lambda: services.authenticate(
                db,
                form.email.data,
                form.password.data,
                throttle=_throttle(),
                address=get_remote_address(),
                rules=_password_rules(),
            ),
        )
        if error is None:
            if user.totp_secret:
                # The password was right; the session holds who is half-way in, for five minutes.
                session["pending_login"] = {
                    "user": user.id,
                    "next": form.next.data or "",
                    "until": time.time() + 300,
                }
                return redirect(url_for("auth.login_code"))
            _complete_login(db, user)
            return redirect(safe_next(form.next.data, url_for("core.index")))
        status = error.status
    return render_template("auth/login.html", form=form), status


@bp.route("/login/code", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def login_code():
    """The second step for accounts with two-factor login: the code from the phone."""
    pending = session.get("pending_login")
    if not pending or pending["until"] < time.time():
        session.pop("pending_login", None)
        return redirect(url_for("auth.login"))
    db = get_db()
    user = db.get(User, pending["user"])
    if user is None or not user.is_active:
        session.pop("pending_login", None)
        return redirect(url_for("auth.login"))
    form = CodeForm()
    status = form_status()
    if form.validate_on_submit():
        _result, error = commit_service(
            db,
            lambda: services.check_login_code(
                user, form.code.data, throttle=_throttle(), address=get_remote_address()
            ),
        )
        if error is None:
            session.pop("pending_login", None)
            _complete_login(db, user)
            return redirect(safe_next(pending["next"], url_for("core.index")))
        status = error.status
    return render_template("auth/login_code.html", form=form), status


@bp.route("/account/two-factor", methods=["GET", "POST"])
@roles_required(STAFF)
def two_factor():
    """Turn two-factor login on (scan, then type a code) or off (with the password)."""
    db = get_db()
    user = current_user._get_current_object()
    enable_form, disable_form = CodeForm(), DisableTwoFactorForm()
    status = form_status()
    if user.totp_secret is None:
        secret = session.setdefault("pending_totp_secret", totp.new_secret())
        if enable_form.validate_on_submit():
            _result, error = commit_service(
                db, lambda: services.enable_two_factor(db, user, secret, enable_form.code.data)
            )
            if error is None:
                session.pop("pending_totp_secret", None)
                login_user(user)  # this session carries on under the new epoch
                flash(_("Two-factor login is on."), "success")
                return redirect(url_for("auth.two_factor"), 303)
            status = error.status
        return render_template(
            "auth/two_factor.html", form=enable_form, secret=secret, is_on=False
        ), status
    if disable_form.validate_on_submit():
        _result, error = commit_service(
            db, lambda: services.disable_two_factor(db, user, disable_form.password.data)
        )
        if error is None:
            flash(_("Two-factor login is off."), "success")
            return redirect(url_for("auth.two_factor"), 303)
        status = error.status
    return render_template("auth/two_factor.html", form=disable_form, is_on=True), status


@bp.route("/account/two-factor/qr.svg")
@roles_required(STAFF)
def two_factor_qr():
    """The secret being set up, as a QR code for the authenticator app."""
    secret = session.get("pending_totp_secret")
    if not secret or current_user.totp_secret:
        abort(404)
    buffer = io.BytesIO()
    segno.make(totp.provisioning_uri(secret, current_user.email), error="m").save(
        buffer, kind="svg", scale=6, border=2, title=_("QR code for the authenticator app")
    )
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/logout", methods=["POST"])
@roles_required(ALL_ROLES)
def logout():
    db = get_db()
    user = current_user._get_current_object()
    commit_service(db, lambda: services.end_all_sessions(db, user))
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("core.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@roles_required(ALL_ROLES)
def change_password():
    form = PasswordChangeForm()
    status = form_status()
    if form.validate_on_submit():
        db = get_db()
        _result, error = commit_service(
            db,
            lambda: services.change_password(
                db,
                current_user,
                form.current_password.data,
                form.new_password.data,
                rules=_password_rules(),
            ),
        )
        if error is None:
            # The real object, not the proxy: flask-login would otherwise store a proxy to itself.
            login_user(current_user._get_current_object())  # carry on under the new epoch
            flash(_("Your password has been changed. Other sessions are logged out."), "success")
            return redirect(url_for("core.index"))
        status = error.status
    return render_template("auth/password.html", form=form), status


def _visible_users(db):
    return queries.users(db, current_user)


def _municipality_choices(db) -> list[SelectChoice]:
    municipalities = place_queries.municipalities(db, current_user)
    choices = [SelectChoice(m.id, m.name) for m in municipalities]
    if not current_user.is_global_admin:
        return choices
    return [SelectChoice(0, _("None (national administrator)"))] + choices


def _organisation_choices(db) -> list[SelectChoice]:
    return [SelectChoice(0, _("None"))] + [
        SelectChoice(o.id, f"{o.name} ({o.municipality.name})")
        for o in place_queries.listing(db, current_user, Organisation)
    ]


def _police_area_choices(db) -> list[SelectChoice]:
    """Police area officers read several municipalities: only a national admin places them."""
    if not current_user.is_global_admin:
        return [SelectChoice(0, _("None"))]
    areas = place_queries.police_areas(db, current_user)
    return [SelectChoice(0, _("None"))] + [SelectChoice(a.id, a.name) for a in areas]


def _user_form(db, user: User | None) -> UserForm:
    form = UserForm(obj=user)
    form.municipality_id.choices = _municipality_choices(db)
    form.organisation_id.choices = _organisation_choices(db)
    form.police_area_id.choices = _police_area_choices(db)
    if not current_user.is_global_admin and (user is None or user.role != Role.POLICE_AREA):
        form.role.choices = [c for c in form.role.choices if c.value != Role.POLICE_AREA.value]
    if request.method == "GET" and user is None and not current_user.is_global_admin:
        form.municipality_id.data = current_user.municipality_id
    return form


def _chosen(db, model, object_id: int | None):
    """The chosen object, or None; an id outside the offered choices is bad input."""
    if not object_id:
        return None
    obj = db.get(model, object_id)
    if obj is None:
        raise DomainError(_("The chosen value does not exist."))
    return obj


@bp.route("/admin/users")
@roles_required(Role.ADMIN)
def users():
    return render_template("auth/users.html", users=_visible_users(get_db()))


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_user():
    db = get_db()
    form = _user_form(db, None)
    form.password.flags.required = True
    status = form_status()
    if form.validate_on_submit():
        user, error = commit_service(
            db,
            lambda: services.create_user(
                db,
                current_user,
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                password=form.password.data or "",
                municipality=_chosen(db, Municipality, form.municipality_id.data),
                organisation=_chosen(db, Organisation, form.organisation_id.data),
                police_area=_chosen(db, PoliceArea, form.police_area_id.data),
                rules=_password_rules(),
            ),
        )
        if error is None:
            flash(_("The account for %(name)s has been created.", name=user.name), "success")
            return redirect(url_for("auth.users"))
        status = error.status
    return render_template("auth/user_form.html", form=form, user=None), status


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int):
    db = get_db()
    user = db.get(User, user_id)
    if user is None or not (
        current_user.is_global_admin or user.municipality_id == current_user.municipality_id
    ):
        abort(404)
    form = _user_form(db, user)
    if request.method == "GET":
        form.municipality_id.data = user.municipality_id or 0
        form.organisation_id.data = user.organisation_id or 0
        form.police_area_id.data = user.police_area_id or 0
        form.role.data = user.role.value
    status = form_status()
    if form.validate_on_submit():
        _result, error = commit_service(
            db,
            lambda: services.update_user(
                db,
                current_user,
                user,
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                municipality=_chosen(db, Municipality, form.municipality_id.data),
                organisation=_chosen(db, Organisation, form.organisation_id.data),
                police_area=_chosen(db, PoliceArea, form.police_area_id.data),
                is_active=form.is_active.data,
                new_password=form.password.data or None,
                rules=_password_rules(),
            ),
        )
        if error is None:
            flash(_("The account for %(name)s has been saved.", name=user.name), "success")
            return redirect(url_for("auth.users"))
        status = error.status
    return render_template("auth/user_form.html", form=form, user=user), status
