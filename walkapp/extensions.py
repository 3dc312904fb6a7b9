"""Flask extensions: login sessions, CSRF protection, translations, and the template helpers."""

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from walkapp.auth.models import User, role_title
from walkapp.db import get_db
from walkapp.formats import datetime_text, number_text, time_text
from walkapp.labels import label

login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Join codes and logins are guessable by brute force: rate limits make that hopeless.
limiter = Limiter(get_remote_address)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session names the user and their session epoch; an old epoch is a logged-out session."""
    user_id, _, epoch = session_id.partition(".")
    if not user_id.isdigit():
        return None
    user = get_db().get(User, int(user_id))
    if user is None or not user.is_active or str(user.session_epoch) != epoch:
        return None
    return user


def select_locale() -> str:
    if not has_request_context():  # the command line speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    # Swedish by default, whatever the browser says: the users are Swedish public services.
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def template_helpers() -> dict:
    return {
        "current_locale": str(get_locale()),
        "languages": current_app.config["LANGUAGES"],
        "current_path": request.full_path.rstrip("?") if request else "/",
    }


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = app.config["SESSION_PROTECTION"]
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["role_title"] = role_title
    # Babel's own filters, but with Swedish times as "kl. 18.00" and a "9,0" number filter.
    app.jinja_env.filters["datetimeformat"] = datetime_text
    app.jinja_env.filters["timeformat"] = time_text
    app.jinja_env.filters["decimal"] = number_text
    app.context_processor(template_helpers)
