"""walkapp: safety and traffic walks from the pin on the street to the finished fix."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from walkapp import assets, cli, db, extensions, logs, security
from walkapp.config import apply_https, check_config, default_config, from_environment
from walkapp.notifications import sending
from walkapp.photos import storage
from walkapp.web import check_request_body, reject_impossible_ids

PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> str:
    """templates/ and static/: beside the package in a checkout, inside it in an installed wheel."""
    inside = PACKAGE / name
    return str(inside if inside.is_dir() else PACKAGE.parent / name)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("WALKAPP_INSTANCE_PATH"),
        instance_relative_config=True,
        template_folder=shipped("templates"),
        static_folder=shipped("static"),
    )
    configure(app, test_config)
    # First: its after_request hook (compression) then runs last, on the final body.
    assets.init_app(app)
    app.url_value_preprocessor(reject_impossible_ids)
    app.before_request(check_request_body)
    db.init_app(app)
    sending.init_app(app)
    extensions.init_app(app)
    storage.init_app(app)
    security.init_app(app)
    logs.init_app(app)
    register_blueprints(app)
    cli.init_app(app)
    return app


def configure(app: Flask, test_config: dict | None) -> None:
    """Defaults, then instance/config.py, then WALKAPP_* environment, then the tests' overrides."""
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(default_config(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(from_environment(os.environ))
    if test_config:
        app.config.from_mapping(test_config)
    apply_https(app.config)
    check_config(app.config)
    if app.config["PROXY_COUNT"]:
        # The scheme and client address as the reverse proxy saw them (HSTS, rate limits).
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def register_blueprints(app: Flask) -> None:
    from walkapp.actions.link_views import bp as action_links
    from walkapp.actions.views import bp as actions
    from walkapp.api.views import bp as api
    from walkapp.auth.views import bp as auth
    from walkapp.core.views import bp as core
    from walkapp.core.views import register_error_handlers
    from walkapp.field.views import bp as field
    from walkapp.notifications.views import bp as notifications
    from walkapp.observations.publication_views import bp as publication
    from walkapp.observations.views import bp as observations
    from walkapp.open311.key_views import admin_bp as api_keys
    from walkapp.open311.views import bp as open311
    from walkapp.photos.views import bp as photos
    from walkapp.places.views import bp as places
    from walkapp.privacy.views import bp as privacy
    from walkapp.promises.activity_views import bp as activities
    from walkapp.promises.situation_views import bp as situations
    from walkapp.promises.views import bp as promises
    from walkapp.protocol.views import bp as protocol
    from walkapp.public.views import bp as public_pages
    from walkapp.reports.public_views import bp as public_reports
    from walkapp.reports.views import bp as reports
    from walkapp.review.views import bp as review
    from walkapp.routing.referral_views import bp as referrals
    from walkapp.routing.views import bp as routing
    from walkapp.tiles.views import bp as tiles
    from walkapp.walks.views import bp as walks

    app.register_blueprint(core)
    app.register_blueprint(auth)
    app.register_blueprint(places)
    app.register_blueprint(walks)
    app.register_blueprint(field)
    app.register_blueprint(api)
    app.register_blueprint(photos)
    app.register_blueprint(observations)
    app.register_blueprint(publication)
    app.register_blueprint(review)
    app.register_blueprint(actions)
    app.register_blueprint(action_links)
    app.register_blueprint(protocol)
    app.register_blueprint(notifications)
    app.register_blueprint(promises)
    app.register_blueprint(reports)
    app.register_blueprint(public_reports)
    app.register_blueprint(situations)
    app.register_blueprint(public_pages)
    app.register_blueprint(activities)
    app.register_blueprint(open311)
    app.register_blueprint(api_keys)
    app.register_blueprint(privacy)
    app.register_blueprint(tiles)
    app.register_blueprint(routing)
    app.register_blueprint(referrals)
    register_error_handlers(app)
