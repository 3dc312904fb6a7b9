"""Layered configuration: defaults, instance/config.py, WALKAPP_* environment, test overrides."""

import json
import os
from pathlib import Path

ENV_PREFIX = "WALKAPP_"
# Keys whose environment value is not a plain string.
_INT_KEYS = {
    "MAX_CONTENT_LENGTH",
    "PASSWORD_MIN_LENGTH",
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_PIXELS",
    "NEARBY_RADIUS_M",
    "MAIL_PORT",
    "MAIL_MAX_ATTEMPTS",
    "DUE_SOON_DAYS",
    "ACTION_LINK_DAYS",
    "LATE_OBSERVATION_GRACE_HOURS",
    "LOCKOUT_ATTEMPTS",
    "LOCKOUT_MINUTES",
    "PROXY_COUNT",
    "TILE_PREFETCH_MARGIN_M",
    "TILE_PREFETCH_MAX_ZOOM",
    "TILE_PREFETCH_MAX_TILES",
    "TILE_PREFETCH_MAX_BYTES",
}
_JSON_KEYS = {"LANGUAGES", "ACTION_DUE_DAYS"}
_BOOL_KEYS = {
    "SESSION_COOKIE_SECURE",
    "WTF_CSRF_ENABLED",
    "DEBUG",
    "TESTING",
    "RATELIMIT_ENABLED",
    "MAIL_USE_TLS",
    "MAIL_USE_SSL",
    "HTTPS",
    "REQUEST_LOG",
}


class ConfigError(RuntimeError):
    """The configuration cannot run walkapp safely; the message says what to set."""


def default_config(instance_path: str) -> dict:
    """Everything walkapp needs to run on one machine with nothing configured."""
    instance = Path(instance_path)
    return {
        "SECRET_KEY": None,
        "DATABASE_URL": f"sqlite:///{instance / 'walkapp.sqlite3'}",
        "PHOTO_DIR": str(instance / "photos"),
        # "filesystem" (PHOTO_DIR) or "s3": a bucket shared by several app servers.
        "PHOTO_STORE": "filesystem",
        "S3_BUCKET": None,
        "S3_PREFIX": "",
        "S3_ENDPOINT_URL": None,  # e.g. https://s3.example.se for MinIO or a Swedish cloud
        "S3_REGION": None,
        "S3_ACCESS_KEY_ID": None,
        "S3_SECRET_ACCESS_KEY": None,
        # A request may carry one photo at its cap plus a little form data.
        "MAX_CONTENT_LENGTH": 21 * 1024 * 1024,
        # Phones downscale before sending; the cap is for photos sent from a gallery as they are.
        "PHOTO_MAX_BYTES": 20 * 1024 * 1024,
        # 60 MP: above any phone's default photo (12-50 MP), far below a decompression bomb.
        "PHOTO_MAX_PIXELS": 60_000_000,
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "LANGUAGES": {"sv": "Svenska", "en": "English"},
        # OWASP ASVS level: Werkzeug's default (N=32768) is below it; costs about 0.4 s a hash here.
        "PASSWORD_HASH_METHOD": "scrypt:131072:8:1",
        "PASSWORD_MIN_LENGTH": 10,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # "strong" would log phone users out whenever they move between Wi-Fi and mobile data.
        "SESSION_PROTECTION": "basic",
        "WTF_CSRF_TIME_LIMIT": None,
        # memory:// counts per process; several app servers share e.g. redis://host:6379.
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # After a walk closes, a phone that was offline may still send what it recorded during the
        # walk for this many hours; later, or dated outside the walk, it is refused.
        "LATE_OBSERVATION_GRACE_HOURS": 48,
        # Observations of the same kind this close are shown as possible duplicates.
        "NEARBY_RADIUS_M": 50,
        "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "MAP_TILE_ATTRIBUTION": "© OpenStreetMap contributors",
        # A municipality whose tile source is "local" is served from TILE_DIR/<slug>.mbtiles.
        "TILE_DIR": str(instance / "tiles"),
        # What a phone stores of walkapp's own tiles for a walk: the walk's area widened by the
        # margin, up to this zoom, dropping the highest zooms above the count; stops at the bytes.
        "TILE_PREFETCH_MARGIN_M": 1000,
        "TILE_PREFETCH_MAX_ZOOM": 17,
        "TILE_PREFETCH_MAX_TILES": 1500,
        "TILE_PREFETCH_MAX_BYTES": 30 * 1024 * 1024,
        # A new action's defaults: priority from the most severe observation, due date from it.
        "ACTION_PRIORITY_BY_SEVERITY": {1: "low", 2: "normal", 3: "high"},
        "ACTION_DUE_DAYS": {"high": 14, "normal": 30, "low": 90},
        # How long the personal link mailed to an organisation without an account stays valid.
        "ACTION_LINK_DAYS": 60,
        # Links in e-mail and QR codes point here (the command line has no request to ask).
        "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
        # E-mail: with no MAIL_SERVER nothing is sent, and messages wait in the outbox.
        "MAIL_SERVER": None,
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": True,
        "MAIL_USE_SSL": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_FROM": "walkapp <noreply@walkapp.example>",
        "MAIL_MAX_ATTEMPTS": 5,
        # A reminder goes out this many days before an action is due.
        "DUE_SOON_DAYS": 3,
        # Failed logins (password or code) for one e-mail from one client address before logging
        # in with it from there pauses for LOCKOUT_MINUTES; never counted per account.
        "LOCKOUT_ATTEMPTS": 10,
        "LOCKOUT_MINUTES": 15,
        # Behind HTTPS: Secure cookies with the __Host- prefix, and HSTS.
        "HTTPS": False,
        # How many proxies in front set X-Forwarded-For/-Proto (0: walkapp faces the clients).
        "PROXY_COUNT": 0,
        # A JSON line per request on standard error (gunicorn passes it to the log collector).
        "REQUEST_LOG": True,
        # Faces and number plates in new photos, proposed as blurs: "thread" (in the background
        # of each app process), "cli" (only `flask detect-photos`, e.g. from cron) or "off".
        "PHOTO_DETECTION": "thread",
    }


def from_environment(environ: os._Environ | dict) -> dict:
    """Read WALKAPP_FOO=value into FOO, converting the few keys that are not strings."""
    config = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        key = name.removeprefix(ENV_PREFIX)
        if key in _INT_KEYS:
            config[key] = int(raw)
        elif key in _BOOL_KEYS:
            config[key] = raw.strip().lower() in {"1", "true", "yes", "on"}
        elif key in _JSON_KEYS:
            config[key] = json.loads(raw)
        else:
            config[key] = raw
    return config


def apply_https(config) -> None:
    """Behind HTTPS: cookies only over TLS, and named __Host- so no subdomain can set them."""
    if not config.get("HTTPS"):
        return
    config.update(
        SESSION_COOKIE_SECURE=True,
        REMEMBER_COOKIE_SECURE=True,
        SESSION_COOKIE_NAME="__Host-session",
        REMEMBER_COOKIE_NAME="__Host-remember",
        PREFERRED_URL_SCHEME="https",
    )


def check_config(config) -> None:
    """Refuse to start with settings that would be unsafe in production."""
    if config.get("PHOTO_STORE") not in ("filesystem", "s3"):
        raise ConfigError("PHOTO_STORE is filesystem or s3.")
    if config.get("PHOTO_DETECTION") not in ("thread", "cli", "off"):
        raise ConfigError("PHOTO_DETECTION is thread, cli or off.")
    if config.get("PHOTO_STORE") == "s3" and not config.get("S3_BUCKET"):
        raise ConfigError("PHOTO_STORE is s3: set S3_BUCKET (and the S3_* access settings).")
    if config.get("TESTING") or config.get("DEBUG"):
        if not config.get("SECRET_KEY"):
            config["SECRET_KEY"] = "walkapp-development-only"  # noqa: S105 - never used in production
        return
    secret = config.get("SECRET_KEY") or ""
    if len(secret) < 32:
        raise ConfigError(
            "walkapp needs a secret key of at least 32 characters outside debug and tests. "
            "Set SECRET_KEY in instance/config.py or WALKAPP_SECRET_KEY in the environment, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
