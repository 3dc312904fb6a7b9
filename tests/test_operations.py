"""Running walkapp in production: health check, lock-out, HTTPS cookies, request logs."""

import json
import logging

import pytest

from tests.conftest import PASSWORD
from walkapp import create_app
from walkapp.auth.models import Role
from walkapp.extensions import limiter
from walkapp.photos.storage import FileSystemStorage


def test_healthz_checks_the_database_and_the_store(app, client, tmp_path):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "storage": "ok"}
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the photo directory should be")
    app.extensions["walkapp.photo_storage"] = FileSystemStorage(blocked)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["storage"] == "failing"


def test_logins_pause_after_repeated_wrong_passwords_from_one_address(app, client, make_user):
    # More in tests/test_auth.py: per e-mail and address, never per account.
    app.config.update(LOCKOUT_ATTEMPTS=3, LOCKOUT_MINUTES=15)
    user = make_user(Role.SAFETY_CHIEF, email="chef@example.se")
    for _ in range(3):
        response = client.post("/login", data={"email": user.email, "password": "wrong-guess"})
        assert response.status_code == 401
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    limiter.storage.reset()  # the quarter of an hour has passed
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_behind_https_cookies_are_secure_host_cookies_and_hsts_is_sent(app_config, make_user):
    app = create_app({**app_config, "HTTPS": True})
    client = app.test_client()
    user = make_user(Role.SAFETY_CHIEF, email="https@example.se")
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        base_url="https://walkapp.example",
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get("/login", base_url="http://walkapp.example")
    assert "Strict-Transport-Security" not in plain.headers


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_each_request_is_one_json_log_line_without_its_query(app_config):
    app = create_app({**app_config, "REQUEST_LOG": True})
    lines = _Lines()
    logger = logging.getLogger("walkapp.requests")
    logger.addHandler(lines)
    try:
        app.test_client().get("/join?code=SECRET1")
    finally:
        logger.removeHandler(lines)
    record = json.loads(lines.lines[-1])
    assert record["path"] == "/join" and record["status"] == 200 and record["method"] == "GET"
    assert "SECRET1" not in lines.lines[-1]
    assert record["ms"] >= 0


@pytest.mark.parametrize("url", ["/walks/99999999999999999999", "/observations/2147483648"])
def test_an_impossible_id_is_not_found(client, login_as, url):
    login_as(Role.SAFETY_CHIEF)
    assert client.get(url).status_code == 404


def test_logins_are_rate_limited(client):
    """Per address, across accounts: a script trying many e-mail addresses is stopped too."""
    statuses = [
        client.post(
            "/login", data={"email": f"guess{n}@example.se", "password": "x" * 12}
        ).status_code
        for n in range(31)
    ]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429
    refused = client.post("/login", data={"email": "guess@example.se", "password": "x" * 12})
    assert "För många försök" in refused.get_data(as_text=True)
