"""Account services: authenticate, create and update users, change passwords."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from walkapp.auth import totp
from walkapp.auth.models import Role, User
from walkapp.auth.throttle import LoginThrottle
from walkapp.errors import Conflict, DomainError, Forbidden
from walkapp.formats import time_text
from walkapp.places.models import Municipality, Organisation, PoliceArea
from walkapp.security import in_scope

# Checked against when the e-mail is unknown, so a wrong address costs as long as a wrong password.
_DUMMY_HASH: dict[str, str] = {}


class LoginFailed(DomainError):
    status_code = 401


class AccountDisabled(DomainError):
    status_code = 403


class LoginThrottled(DomainError):
    status_code = 429


@dataclass(frozen=True)
class PasswordRules:
    """The site's password settings, handed to the services by the caller."""

    hash_method: str
    min_length: int

    @classmethod
    def from_config(cls, config: Mapping) -> "PasswordRules":
        return cls(
            hash_method=config["PASSWORD_HASH_METHOD"], min_length=config["PASSWORD_MIN_LENGTH"]
        )


def hash_password(password: str, *, rules: PasswordRules) -> str:
    return generate_password_hash(password, method=rules.hash_method)


def check_password_strength(password: str, *, rules: PasswordRules) -> None:
    minimum = rules.min_length
    if len(password) < minimum:
        raise DomainError(_l("The password must be at least %(n)d characters long.", n=minimum))


def find_user_by_email(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == normalise_email(email)))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _check_throttle(throttle: LoginThrottle, email: str, address: str) -> None:
    # Checked before the password or code, so that guessing on gains nothing while throttled;
    # the same answer whether or not the e-mail has an account.
    until = throttle.blocked_until(email, address)
    if until is not None:
        raise LoginThrottled(
            _l(
                "Too many failed logins from here: logging in is paused until %(time)s. "
                "Try again then, or from another network.",
                time=time_text(until),
            )
        )


def authenticate(
    db: Session,
    email: str,
    password: str,
    *,
    throttle: LoginThrottle,
    address: str,
    rules: PasswordRules,
) -> User:
    """The user with this e-mail and password, or LoginFailed / LoginThrottled / AccountDisabled.

    A wrong password counts toward the throttle for this e-mail from this client address.
    """
    _check_throttle(throttle, email, address)
    user = find_user_by_email(db, email)
    if user is None:
        method = rules.hash_method
        if method not in _DUMMY_HASH:
            _DUMMY_HASH[method] = generate_password_hash("not-a-password", method=method)
        check_password_hash(_DUMMY_HASH[method], password)
        throttle.count_failure(email, address)
        raise LoginFailed(_l("Wrong e-mail address or password."))
    if not check_password_hash(user.password_hash, password):
        throttle.count_failure(email, address)
        raise LoginFailed(_l("Wrong e-mail address or password."))
    if not user.is_active:
        raise AccountDisabled(_l("This account has been deactivated. Contact your administrator."))
    return user


def check_login_code(user: User, code: str, *, throttle: LoginThrottle, address: str) -> User:
    """The second step: the phone's code; wrong codes count toward the same throttle."""
    _check_throttle(throttle, user.email, address)
    if not totp.verify(user.totp_secret or "", code):
        throttle.count_failure(user.email, address)
        raise LoginFailed(_l("The code does not match. Check the phone's clock and try again."))
    return user


def record_login(
    db: Session, user: User, *, throttle: LoginThrottle, address: str, now: datetime
) -> User:
    """A complete login (password, code if on): this e-mail's failures from here are forgotten."""
    throttle.forget_failures(user.email, address)
    user.last_login_at = now
    db.flush()
    return user


def set_locale(db: Session, user: User, locale: str) -> User:
    """The language the user's pages and messages are in, kept for their next login."""
    user.locale = locale
    db.flush()
    return user


def end_all_sessions(db: Session, user: User) -> User:
    """Logging out ends every session of the login: a copied cookie no longer works."""
    user.session_epoch += 1
    db.flush()
    return user


def _check_area_placement(
    actor: User | None,
    municipality: Municipality | None,
    organisation: Organisation | None,
    police_area: PoliceArea | None,
) -> None:
    """A police area officer reads several municipalities: only a national administrator (or
    the command line) places one, in an area and in no single municipality."""
    if actor is not None and not actor.is_global_admin:
        raise Forbidden(_l("Only a national administrator manages police area officers."))
    if police_area is None:
        raise DomainError(_l("A police area officer needs a police area."))
    if municipality is not None or organisation is not None:
        raise DomainError(
            _l("A police area officer belongs to the police area, not to a municipality.")
        )


def _check_placement(
    actor: User | None,
    role: Role,
    municipality: Municipality | None,
    organisation: Organisation | None,
    police_area: PoliceArea | None = None,
) -> None:
    if actor is not None and actor.role != Role.ADMIN:  # reading a municipality is not running it
        raise Forbidden(_l("You can only manage accounts in your own municipality."))
    if role == Role.POLICE_AREA:
        _check_area_placement(actor, municipality, organisation, police_area)
        return
    if municipality is None and role != Role.ADMIN:
        raise DomainError(_l("Every account except a national administrator needs a municipality."))
    if actor is not None:  # None: the command line, run by whoever runs the server
        if municipality is None and not actor.is_global_admin:
            raise Forbidden(_l("Only a national administrator can create national administrators."))
        if municipality is not None and not in_scope(actor, municipality.id):
            raise Forbidden(_l("You can only manage accounts in your own municipality."))
    if role == Role.HANDLER and organisation is None:
        raise DomainError(_l("A handler must belong to an organisation."))
    if organisation is not None and (
        municipality is None or organisation.municipality_id != municipality.id
    ):
        raise DomainError(_l("The organisation belongs to another municipality."))


def create_user(
    db: Session,
    actor: User | None,
    *,
    email: str,
    name: str,
    role: Role | str,
    password: str,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
    police_area: PoliceArea | None = None,
    rules: PasswordRules,
) -> User:
    """Create an account; actor None means the command line, which may do anything.

    The police area is a police area officer's only (ignored for every other role).
    """
    try:
        role = Role(role)
    except ValueError:
        raise DomainError(_l("Unknown role: %(role)s", role=role)) from None
    email = normalise_email(email)
    if not email or "@" not in email:
        raise DomainError(_l("Enter a valid e-mail address."))
    if find_user_by_email(db, email) is not None:
        raise Conflict(_l("An account with this e-mail address already exists."))
    check_password_strength(password, rules=rules)
    _check_placement(actor, role, municipality, organisation, police_area)
    user = User(
        email=email,
        name=name.strip() or email,
        role=role,
        password_hash=hash_password(password, rules=rules),
        municipality=municipality,
        organisation=organisation,
        police_area=police_area if role == Role.POLICE_AREA else None,
    )
    db.add(user)
    db.flush()
    return user


def update_user(
    db: Session,
    actor: User,
    user: User,
    *,
    email: str,
    name: str,
    role: Role | str,
    municipality: Municipality | None,
    organisation: Organisation | None,
    is_active: bool,
    police_area: PoliceArea | None = None,
    new_password: str | None = None,
    rules: PasswordRules,
) -> User:
    try:
        role = Role(role)
    except ValueError:
        raise DomainError(_l("Unknown role: %(role)s", role=role)) from None
    if user.id == actor.id and (not is_active or role != user.role):
        raise DomainError(_l("You cannot deactivate yourself or change your own role."))
    email = normalise_email(email)
    other = find_user_by_email(db, email)
    if other is not None and other.id != user.id:
        raise Conflict(_l("An account with this e-mail address already exists."))
    if user.role == Role.POLICE_AREA and not actor.is_global_admin:
        raise Forbidden(_l("Only a national administrator manages police area officers."))
    _check_placement(actor, role, municipality, organisation, police_area)
    if new_password:
        check_password_strength(new_password, rules=rules)
        user.password_hash = hash_password(new_password, rules=rules)
        user.session_epoch += 1
    if user.is_active and not is_active:
        user.session_epoch += 1  # end the deactivated user's open sessions at once
    user.email = email
    user.name = name.strip() or email
    user.role = role
    user.municipality = municipality
    user.organisation = organisation
    user.police_area = police_area if role == Role.POLICE_AREA else None
    user.is_active = is_active
    db.flush()
    return user


def change_password(
    db: Session, user: User, current_password: str, new_password: str, *, rules: PasswordRules
) -> None:
    """Change one's own password; every other session of the user is logged out."""
    if not check_password_hash(user.password_hash, current_password):
        raise LoginFailed(_l("The current password is wrong."))
    check_password_strength(new_password, rules=rules)
    user.password_hash = hash_password(new_password, rules=rules)
    user.session_epoch += 1
    db.flush()


def enable_two_factor(db: Session, user: User, secret: str, code: str) -> User:
    """Turn on TOTP once the app shows the right code: proof the secret reached the phone."""
    if not totp.verify(secret, code):
        raise LoginFailed(_l("The code does not match. Check the phone's clock and try again."))
    user.totp_secret = secret
    user.session_epoch += 1  # other sessions were opened without the second factor
    db.flush()
    return user


def disable_two_factor(db: Session, user: User, password: str) -> User:
    if not check_password_hash(user.password_hash, password):
        raise LoginFailed(_l("Wrong password."))
    user.totp_secret = None
    db.flush()
    return user
