"""Accounts: login, logout, deactivation, passwords, safe redirects, CSRF, throttling."""

import pytest

from tests.conftest import PASSWORD
from walkapp import create_app
from walkapp.auth.models import Role
from walkapp.config import default_config


def test_login_takes_the_user_to_their_start_page(client, make_user):
    user = make_user(Role.HANDLER)
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    page = client.get("/").get_data(as_text=True)
    assert user.organisation.name in page


@pytest.mark.parametrize(
    ("email", "password"),
    [("chief@example.se", "wrong password"), ("nobody@example.se", PASSWORD)],
    ids=["wrong-password", "unknown-email"],
)
def test_wrong_credentials_are_refused_with_one_message(client, make_user, email, password):
    make_user(Role.SAFETY_CHIEF, email="chief@example.se")
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 401
    assert "Fel e-postadress eller lösenord." in response.get_data(as_text=True)
    assert client.get("/admin/users").status_code == 302


def test_an_empty_login_form_is_unprocessable(client):
    response = client.post("/login", data={"email": "", "password": ""})
    assert response.status_code == 422
    assert "Rätta de markerade fälten." in response.get_data(as_text=True)


def test_a_deactivated_user_cannot_log_in(client, make_user):
    user = make_user(Role.WALK_LEADER, is_active=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "avaktiverat" in response.get_data(as_text=True)


def test_deactivating_a_user_ends_their_open_session(app, client, make_user, login, db):
    admin = make_user(Role.ADMIN)
    leader = make_user(Role.WALK_LEADER)
    leader_client = app.test_client()
    login(leader, test_client=leader_client)
    assert leader_client.post("/account/password").status_code == 422  # logged in: the form
    login(admin)
    response = client.post(
        f"/admin/users/{leader.id}",
        data={
            "name": leader.name,
            "email": leader.email,
            "role": "walk_leader",
            "municipality_id": leader.municipality_id,
            "organisation_id": 0,
        },
    )
    assert response.status_code == 302
    assert leader_client.get("/account/password").status_code == 302  # back to login


def test_logout_ends_the_session(client, login_as):
    login_as(Role.ADMIN)
    assert client.get("/admin/users").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/admin/users").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
    ],
)
def test_next_never_leaves_the_site(client, make_user, target):
    user = make_user(Role.ADMIN)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302 and response.location == "/"


def test_next_brings_the_user_back_to_the_page_they_asked_for(client, make_user):
    user = make_user(Role.ADMIN)
    assert client.get("/admin/organisations").location == "/login?next=/admin/organisations"
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "next": "/admin/organisations"}
    )
    assert response.location == "/admin/organisations"


def test_password_change_logs_out_other_sessions(app, client, make_user, login, db):
    user = make_user(Role.SAFETY_CHIEF)
    other_device = app.test_client()
    login(user)
    login(user, test_client=other_device)
    new_password = "a much longer new password"
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": new_password,
            "repeat_password": new_password,
        },
    )
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200  # this session carries on
    assert other_device.get("/account/password").status_code == 302  # the other is logged out
    client.post("/logout")
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 401
    )
    login(user, password=new_password)


@pytest.mark.parametrize(
    ("current", "new", "repeat", "status", "message"),
    [
        (
            "wrong",
            "a long enough password",
            "a long enough password",
            401,
            "Det nuvarande lösenordet är fel.",
        ),
        (PASSWORD, "short", "short", 422, "minst 10 tecken"),
        (
            PASSWORD,
            "a long enough password",
            "another long password",
            422,
            "Lösenorden skiljer sig åt.",
        ),
    ],
    ids=["wrong-current", "too-short", "not-repeated"],
)
def test_bad_password_changes_change_nothing(
    client, login_as, db, current, new, repeat, status, message
):
    user = login_as(Role.HANDLER)
    before = user.password_hash
    response = client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "repeat_password": repeat},
    )
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    db.expire_all()
    assert user.password_hash == before


def test_production_hashing_meets_owasp_guidance(tmp_path):
    assert default_config(str(tmp_path))["PASSWORD_HASH_METHOD"] == "scrypt:131072:8:1"


def test_passwords_are_stored_hashed(db, make_user):
    user = make_user(Role.ADMIN)
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("scrypt:")


def test_a_form_without_csrf_token_is_refused_and_changes_nothing(app_config, make_user):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    user = make_user(Role.ADMIN)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Ladda om sidan" in response.get_data(as_text=True)
    assert client.get("/admin/users").status_code == 302
    app.extensions["walkapp.engine"].dispose()


def test_a_form_with_its_csrf_token_is_accepted(app_config, make_user):
    import re

    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    user = make_user(Role.ADMIN)
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    app.extensions["walkapp.engine"].dispose()


def test_logout_needs_its_csrf_token_too(app_config, make_user, login):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    login(make_user(Role.ADMIN), test_client=client)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/logout").status_code == 400
    assert client.get("/admin/users").status_code == 200  # still logged in
    app.extensions["walkapp.engine"].dispose()


# ----- logout, and failed logins throttled per address ----------------------------------------

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}


def test_a_copied_session_cookie_no_longer_works_after_logout(app, client, login_as):
    login_as(Role.SAFETY_CHIEF)
    copied = client.get_cookie("session").value
    assert client.post("/logout").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", copied)
    assert replay.get("/review/").status_code == 302  # to the login page
    assert replay.get("/review/", headers={"Accept": "application/json"}).status_code == 401


def test_logging_out_ends_the_logins_other_sessions_too(app, client, make_user, login):
    user = make_user(Role.WALK_LEADER)
    phone = app.test_client()
    login(user)
    login(user, test_client=phone)
    client.post("/logout")
    assert phone.get("/walks/").status_code == 302
    login(user)  # and logging in again works
    assert client.get("/walks/").status_code == 200


def _try(test_client, email, password, **kwargs):
    return test_client.post("/login", data={"email": email, "password": password}, **kwargs)


def _english(test_client):
    with test_client.session_transaction() as session:
        session["language"] = "en"


def _message(response) -> str:
    page = response.get_data(as_text=True)
    return page.split('<div class="messages">', 1)[1].split("</div>", 1)[0]


def test_known_and_unknown_emails_get_identical_answers_after_repeated_failures(
    app, client, make_user
):
    app.config.update(LOCKOUT_ATTEMPTS=3, LOCKOUT_MINUTES=15)
    make_user(Role.SAFETY_CHIEF, email="chief@example.se")
    _english(client)
    answers = {}
    for email in ("chief@example.se", "nobody@example.se"):
        tries = [_try(client, email, "wrong-guess") for _ in range(5)]
        right = _try(client, email, PASSWORD)
        answers[email] = [(r.status_code, _message(r)) for r in [*tries, right]]
    assert answers["chief@example.se"] == answers["nobody@example.se"]
    statuses = [status for status, _message in answers["chief@example.se"]]
    assert statuses == [401, 401, 401, 429, 429, 429]  # the right password waits too
    assert "Too many failed logins from here" in answers["nobody@example.se"][-1][1]


def test_the_owner_logs_in_from_elsewhere_while_the_attackers_address_is_throttled(
    app, client, make_user
):
    app.config.update(LOCKOUT_ATTEMPTS=3, LOCKOUT_MINUTES=15)
    chief = make_user(Role.SAFETY_CHIEF, email="chief@example.se")
    attacker = app.test_client()
    for _ in range(3):
        assert _try(attacker, chief.email, "guess", environ_base=ATTACKER).status_code == 401
    assert _try(attacker, chief.email, PASSWORD, environ_base=ATTACKER).status_code == 429
    assert _try(client, chief.email, PASSWORD).status_code == 302  # the owner, elsewhere
    assert client.get("/review/").status_code == 200


def test_one_address_trying_many_emails_is_throttled_too(app, client):
    app.config.update(LOCKOUT_ATTEMPTS=2, LOCKOUT_MINUTES=15)  # 5 x 2 failures per address
    statuses = [_try(client, f"guess{n}@example.se", "x").status_code for n in range(11)]
    assert statuses == [401] * 10 + [429]


def test_a_complete_login_forgets_the_earlier_mistakes(app, client, make_user):
    app.config.update(LOCKOUT_ATTEMPTS=3, LOCKOUT_MINUTES=15)
    user = make_user(Role.HANDLER)
    for _ in range(2):
        _try(client, user.email, "typo")
    assert _try(client, user.email, PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(2):
        assert _try(client, user.email, "typo").status_code == 401
    assert _try(client, user.email, PASSWORD).status_code == 302
