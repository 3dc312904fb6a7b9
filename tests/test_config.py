"""Layered configuration, the secret-key rule and the SQLite pragmas."""

import pytest
from sqlalchemy import text

from walkapp import create_app
from walkapp.config import ConfigError


def _dispose(app):
    app.extensions["walkapp.engine"].dispose()


def test_a_real_secret_key_is_required_outside_debug_and_tests(tmp_path, monkeypatch):
    monkeypatch.setenv("WALKAPP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("WALKAPP_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="secret key of at least 32 characters"):
        create_app()
    monkeypatch.setenv("WALKAPP_SECRET_KEY", "too-short")
    with pytest.raises(ConfigError):
        create_app()
    monkeypatch.setenv("WALKAPP_SECRET_KEY", "x" * 40)
    _dispose(create_app())


def test_layers_apply_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv("WALKAPP_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text(
        'SECRET_KEY = "from-the-instance-file-and-long-enough-0123"\n'
        'MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"\n'
        "PASSWORD_MIN_LENGTH = 12\n"
    )
    monkeypatch.setenv("WALKAPP_PASSWORD_MIN_LENGTH", "14")
    monkeypatch.setenv("WALKAPP_SESSION_COOKIE_SECURE", "true")
    monkeypatch.delenv("WALKAPP_DATABASE_URL", raising=False)
    app = create_app({"MAP_TILE_URL": "https://override.example/{z}/{x}/{y}.png"})
    assert app.config["SECRET_KEY"].startswith("from-the-instance-file")  # instance file
    assert app.config["PASSWORD_MIN_LENGTH"] == 14  # environment beats the file
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["MAP_TILE_URL"].startswith("https://override.example")  # tests beat all
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'walkapp.sqlite3'}"  # default
    _dispose(app)


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    with app.extensions["walkapp.engine"].connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    _dispose(app)


def test_security_headers_forbid_inline_script(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True)


def test_an_unexpected_error_is_a_translated_500_without_details(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("database password is hunter2")

    boom.access = "public"
    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Något gick fel hos oss." in page and "hunter2" not in page
