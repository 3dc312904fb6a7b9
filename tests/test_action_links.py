"""Owners without an account: a personal link opens one action, and works it as its organisation."""

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from walkapp.actions.models import Action, ActionLink, ActionStatus
from walkapp.auth.models import Role
from walkapp.events.models import Event, SubjectType
from walkapp.notifications.models import OutboxMessage
from walkapp.photos.models import Photo, PhotoKind
from walkapp.privacy.models import AuditEntry

OWNER = "Fastighetsägarnätverket Strängnäs"
ADDRESS = "kontakt@fastighet.example"


@pytest.fixture
def owner(make_organisation, db):
    organisation = make_organisation(name=OWNER, kind="property_owner")
    organisation.email = ADDRESS
    db.commit()
    return organisation


@pytest.fixture
def chief(login_as):
    return login_as(Role.SAFETY_CHIEF)


def _create(client, observation, organisation, title="Sanera klotter på gaveln"):
    response = client.post(
        "/actions/new",
        data={
            "observation_ids": observation.id,
            "title": title,
            "description": "Klotter på fasaden mot gångvägen.",
            "organisation_id": organisation.id,
            "priority": "normal",
            "due_on": (date.today() + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    client.get("/privacy")  # any page shows (and so clears) the flashed message


def _link_from_mail(db, number: int = -1) -> str:
    messages = db.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.dedupe_key.like("action_link:%"))
        .order_by(OutboxMessage.id)
    ).all()
    match = re.search(r"http://127\.0\.0\.1:5000(/o/[A-Za-z0-9_-]+)", messages[number].body)
    assert match, messages[number].body
    return match.group(1)


@pytest.fixture
def linked(client, db, chief, owner, make_observation):
    """An action for the owner, created by the chief on the page; the owner's mailed link."""
    observation = make_observation(
        category_code="graffiti", note="Anna Svensson 070-123 45 67 såg det"
    )
    _create(client, observation, owner)
    action = db.scalars(select(Action)).one()
    client.post("/logout")
    return action, _link_from_mail(db)


def test_an_action_for_an_owner_without_handlers_mails_a_link(db, linked):
    action, url = linked
    message = db.scalars(
        select(OutboxMessage).where(OutboxMessage.dedupe_key.like("action_link:%"))
    ).one()
    assert message.to_address == ADDRESS
    assert action.title in message.subject
    assert re.search(r"\b60\b", message.body)  # ACTION_LINK_DAYS
    link = db.scalars(select(ActionLink)).one()
    token = url.removeprefix("/o/")
    assert token not in link.token_sha256 and len(link.token_sha256) == 64
    # No second, unusable mail pointing at the staff page.
    assert not db.scalars(
        select(OutboxMessage).where(OutboxMessage.dedupe_key.like("assigned:%"))
    ).all()


def test_an_organisation_with_handlers_gets_no_link(
    client, db, chief, owner, make_user, make_observation
):
    make_user(Role.HANDLER, organisation=owner)
    _create(client, make_observation(category_code="graffiti"), owner)
    assert db.scalars(select(ActionLink)).all() == []
    assert db.scalars(select(OutboxMessage)).all()


def test_the_link_page_shows_the_action_and_nothing_else(
    client, db, linked, make_action, make_observation, owner
):
    action, url = linked
    other = make_action(title="Hemlig annan åtgärd", organisation=owner)
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert action.title in page and "Klotter på fasaden" in page
    assert "geo:" in page
    assert "Anna" not in page and "070-123" not in page  # the original note and its author
    assert other.title not in page
    assert "Verifierad" not in page  # verifying stays the chief's
    entry = db.scalars(select(AuditEntry).where(AuditEntry.user_id.is_(None))).one()
    assert entry.subject == f"action {action.id}" and OWNER in entry.detail
    assert db.get(ActionLink, 1).last_used_at is not None


def test_the_owner_completes_the_action_with_a_note_and_an_after_photo(
    client, db, linked, make_photo_bytes
):
    action, url = linked
    planned = (date.today() + timedelta(days=3)).isoformat()
    assert client.post(url, data={"status": "planned", "planned_on": planned}).status_code == 303
    assert client.post(url, data={"status": "in_progress"}).status_code == 303
    response = client.post(
        url,
        data={
            "status": "done",
            "public_note": "Klottret är sanerat och fasaden målad.",
            "photo": (io.BytesIO(make_photo_bytes()), "efter.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    db.expire_all()
    action = db.get(Action, action.id)
    assert action.status == ActionStatus.DONE
    assert action.closing_note == "Klottret är sanerat och fasaden målad."
    assert action.observations[0].status == "fixed"
    done = db.scalars(
        select(Event).where(
            Event.subject_type == SubjectType.ACTION, Event.to_status == ActionStatus.DONE
        )
    ).one()
    assert done.actor_id is None and OWNER in done.internal_note
    assert done.public_note == "Klottret är sanerat och fasaden målad."
    photo = db.scalars(select(Photo).where(Photo.action_id == action.id)).one()
    assert photo.kind == PhotoKind.AFTER
    details = [e.detail for e in db.scalars(select(AuditEntry))]
    assert any("done" in d and "after-photo" in d and OWNER in d for d in details)
    # Done: the step to verified is the chief's, refused through the link.
    assert client.post(url, data={"status": "verified"}).status_code in (403, 422)
    db.expire_all()
    assert db.get(Action, action.id).status == ActionStatus.DONE


def test_the_owner_declines_with_a_reason(client, db, linked):
    action, url = linked
    assert client.post(url, data={"status": "rejected"}).status_code == 422  # no reason
    response = client.post(
        url, data={"status": "rejected", "public_note": "Fasaden tillhör inte oss."}
    )
    assert response.status_code == 303
    db.expire_all()
    assert db.get(Action, action.id).status == ActionStatus.REJECTED


def test_a_public_note_with_a_phone_number_needs_the_confirmation(client, db, linked):
    action, url = linked
    client.post(url, data={"status": "in_progress"})
    note = "Ring 070-123 45 67 om något är oklart."
    response = client.post(url, data={"status": "done", "public_note": note})
    assert response.status_code == 422
    assert "telefonnummer" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Action, action.id).status == ActionStatus.IN_PROGRESS
    response = client.post(
        url, data={"status": "done", "public_note": note, "confirmed_personal_data": "y"}
    )
    assert response.status_code == 303


def test_verified_is_refused_through_the_link(client, db, linked, app):
    action, url = linked
    db.get(Action, action.id).status = ActionStatus.DONE
    db.commit()
    response = client.post(url, data={"status": "verified"})
    assert response.status_code in (403, 422)
    db.expire_all()
    assert db.get(Action, action.id).status == ActionStatus.DONE


def test_a_link_opens_only_its_own_action_and_dies_when_reissued(
    client, db, login, linked, make_user, owner, make_observation
):
    first, first_url = linked
    chief = make_user(Role.SAFETY_CHIEF, email="chief2@example.se")
    login(chief)
    _create(client, make_observation(category_code="graffiti"), owner, title="Andra åtgärden")
    second_url = _link_from_mail(db)
    assert second_url != first_url
    page = client.get(second_url).get_data(as_text=True)
    assert "Andra åtgärden" in page and first.title not in page
    # The chief sends a new link for the first action: the old one is dead at once.
    response = client.post(f"/actions/{first.id}/links")
    assert response.status_code == 303
    show = client.get(f"/actions/{first.id}").get_data(as_text=True)
    assert "Återkallad" in show or "Revoked" in show
    new_url = _link_from_mail(db)
    client.post("/logout")
    assert client.get(first_url).status_code == 404
    assert client.post(first_url, data={"status": "in_progress"}).status_code == 404
    assert first.title in client.get(new_url).get_data(as_text=True)


def test_expired_revoked_and_unknown_tokens_are_404(client, db, login, make_user, linked):
    action, url = linked
    link = db.scalars(select(ActionLink)).one()
    link.expires_at = link.created_at - timedelta(seconds=1)
    db.commit()
    assert client.get(url).status_code == 404
    link.expires_at = link.created_at + timedelta(days=60)
    db.commit()
    assert client.get(url).status_code == 200
    login(make_user(Role.SAFETY_CHIEF, email="chief3@example.se"))
    assert client.post(f"/actions/{action.id}/links/{link.id}/revoke").status_code == 303
    client.post("/logout")
    assert client.get(url).status_code == 404
    assert client.get("/o/" + "x" * 43).status_code == 404
    assert client.get("/o/" + "x" * 500).status_code == 404
    db.expire_all()
    assert db.get(Action, action.id).status == ActionStatus.OPEN


def test_a_link_dies_when_the_action_moves_to_another_owner(client, db, linked, make_organisation):
    action, url = linked
    db.get(Action, action.id).organisation = make_organisation(name="Trafikverket")
    db.commit()
    assert client.get(url).status_code == 404


def test_another_municipality_chief_cannot_revoke_or_resend(
    client, db, linked, login, make_user, other_municipality
):
    action, _url = linked
    login(make_user(Role.SAFETY_CHIEF, municipality=other_municipality))
    assert client.post(f"/actions/{action.id}/links").status_code == 404
    assert client.post(f"/actions/{action.id}/links/1/revoke").status_code == 404
    assert db.scalars(select(ActionLink)).one().revoked_at is None


def test_link_pages_are_rate_limited(client, linked):
    _action, url = linked
    statuses = [client.get(url).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert "För många försök" in client.get(url).get_data(as_text=True)


def test_the_link_form_needs_its_csrf_token_and_no_login(app, client, db, linked):
    action, url = linked
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(url, data={"status": "in_progress"}).status_code == 400
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(url, data={"status": "in_progress", "csrf_token": token})
    assert response.status_code == 303
    db.expire_all()
    assert db.get(Action, action.id).status == ActionStatus.IN_PROGRESS


def test_moving_an_action_to_an_owner_without_handlers_mails_a_link(
    client, db, chief, owner, make_action, make_organisation, make_user
):
    technical = make_organisation(name="Teknik- och servicekontoret")
    make_user(Role.HANDLER, organisation=technical)
    action = make_action(organisation=technical, title="Klotter på privat fasad")
    response = client.post(
        f"/actions/{action.id}/reassign",
        data={"organisation_id": owner.id, "reason": "Fasaden är fastighetsägarens."},
    )
    assert response.status_code == 303
    client.post("/logout")
    url = _link_from_mail(db)
    assert "Klotter på privat fasad" in client.get(url).get_data(as_text=True)
