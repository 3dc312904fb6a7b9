"""Optional two-factor login (TOTP) for staff."""

import time

import pytest

from tests.conftest import PASSWORD
from walkapp.auth import totp
from walkapp.auth.models import Role


def test_the_codes_are_rfc_6238s():
    # RFC 6238, appendix B: the SHA-1 test secret "12345678901234567890" at these times.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp.code_at(secret, 59) == "287082"
    assert totp.code_at(secret, 1111111109) == "081804"
    assert totp.code_at(secret, 2000000000) == "279037"
    assert totp.verify(secret, "287082", moment=59 + 30)  # one step of drift is fine
    assert not totp.verify(secret, "287082", moment=59 + 120)
    assert not totp.verify(secret, "abcdef", moment=59)


def test_turning_it_on_and_logging_in_with_a_code(app, client, login_as, db):
    chief = login_as(Role.SAFETY_CHIEF)
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = page.split('<code class="api-key">', 1)[1].split("<", 1)[0]
    qr = client.get("/account/two-factor/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert client.post("/account/two-factor", data={"code": "000000"}).status_code == 401
    response = client.post("/account/two-factor", data={"code": totp.code_at(secret, time.time())})
    assert response.status_code == 303
    db.expire_all()
    assert chief.totp_secret == secret
    client.post("/logout")

    response = client.post("/login", data={"email": chief.email, "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/login/code")
    assert client.get("/review/").status_code == 302  # not logged in yet
    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    response = client.post("/login/code", data={"code": totp.code_at(secret, time.time())})
    assert response.status_code == 302
    assert client.get("/review/").status_code == 200


def test_turning_it_off_needs_the_password(client, login_as, db):
    chief = login_as(Role.SAFETY_CHIEF)
    chief.totp_secret = totp.new_secret()  # turned on earlier
    db.commit()
    assert client.post("/account/two-factor", data={"password": "wrong"}).status_code == 401
    assert client.post("/account/two-factor", data={"password": PASSWORD}).status_code == 303
    db.expire_all()
    assert chief.totp_secret is None


@pytest.mark.parametrize("role", [Role.PARTICIPANT])
def test_participants_have_no_two_factor_page(client, login_as, role):
    login_as(role)
    assert client.get("/account/two-factor").status_code == 403


def test_the_code_step_expires(client, make_user):
    user = make_user(Role.HANDLER, totp_secret=totp.new_secret())
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    with client.session_transaction() as session:
        session["pending_login"]["until"] = time.time() - 1
        session.modified = True
    response = client.post(
        "/login/code", data={"code": totp.code_at(user.totp_secret, time.time())}
    )
    assert response.status_code == 302 and response.location.endswith("/login")


def test_wrong_codes_count_and_a_throttled_login_refuses_the_right_code(app, client, make_user):
    app.config.update(LOCKOUT_ATTEMPTS=3, LOCKOUT_MINUTES=15)
    chief = make_user(Role.SAFETY_CHIEF, totp_secret=totp.new_secret())
    attacker = {"REMOTE_ADDR": "203.0.113.9"}  # knows the password, not the phone
    login = {"email": chief.email, "password": PASSWORD}
    assert client.post("/login", data=login, environ_base=attacker).status_code == 302
    for _ in range(3):
        response = client.post("/login/code", data={"code": "000000"}, environ_base=attacker)
        assert response.status_code == 401
    right = {"code": totp.code_at(chief.totp_secret, time.time())}
    assert client.post("/login/code", data=right, environ_base=attacker).status_code == 429
    assert client.get("/review/").status_code == 302  # not logged in
    assert client.post("/login", data=login, environ_base=attacker).status_code == 429

    owner = app.test_client()  # the chief, on another network, is not locked out
    assert owner.post("/login", data=login).status_code == 302
    assert owner.post("/login/code", data=right).status_code == 302
    assert owner.get("/review/").status_code == 200
