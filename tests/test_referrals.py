"""Referrals: an observation handed over to an outside owner, its answer, reminders and e-mail."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from walkapp.auth.models import Role
from walkapp.events.models import Event, EventKind, SubjectType
from walkapp.notifications.models import MessageKind, OutboxMessage
from walkapp.observations.models import ObservationStatus
from walkapp.routing.models import Referral, ReferralStatus
from walkapp.walks.models import WalkParticipant

FUTURE = date.today() + timedelta(days=30)


def _english(client):
    client.post("/language", data={"language": "en", "next": "/"})


@pytest.fixture
def trafikverket(db, make_organisation):
    organisation = make_organisation(name="Trafikverket", kind="road_authority")
    organisation.email = "trafikverket@trafikverket.example"
    db.commit()
    return organisation


@pytest.fixture
def chief(login_as, client):
    user = login_as(Role.SAFETY_CHIEF)
    _english(client)
    return user


def _refer(client, observation, organisation, **data):
    return client.post(
        f"/observations/{observation.id}/refer",
        data={"organisation_id": organisation.id, **data},
    )


def _referral(db, observation) -> Referral:
    db.expire_all()
    return db.scalar(select(Referral).where(Referral.observation_id == observation.id))


def _events(db, observation) -> list[Event]:
    return db.scalars(
        select(Event)
        .where(Event.subject_type == SubjectType.OBSERVATION, Event.subject_id == observation.id)
        .order_by(Event.id)
    ).all()


def _mails(db, kind=None) -> list[OutboxMessage]:
    db.expire_all()
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind is not None:
        query = query.where(OutboxMessage.kind == kind)
    return db.scalars(query).all()


def test_referring_makes_the_observation_referred_and_says_to_whom(
    client, db, chief, make_walk, make_observation, trafikverket
):
    walk = make_walk(status="closed")
    observation = make_observation(walk=walk)
    response = _refer(
        client,
        observation,
        trafikverket,
        reference="TRV 2021/12345",
        expected_reply_on=FUTURE.isoformat(),
    )
    assert response.status_code == 303
    referral = _referral(db, observation)
    assert referral.status == ReferralStatus.SENT
    assert referral.reference == "TRV 2021/12345"
    assert referral.expected_reply_on == FUTURE
    assert referral.referred_by_id == chief.id
    db.refresh(observation)
    assert observation.status == ObservationStatus.REFERRED
    # Through the lifecycle (received -> triaged -> referred), the public note on the last step.
    changes = [e for e in _events(db, observation) if e.kind == EventKind.STATUS_CHANGED]
    assert [e.to_status for e in changes] == ["triaged", "referred"]
    # Stored as residents read it: in the municipality's language.
    assert changes[-1].public_note == "Hänvisad till Trafikverket."
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Referred to Trafikverket" in page
    assert 'data-referral-status="sent"' in page
    protocol = client.get(f"/p/walks/{walk.public_token}").get_data(as_text=True)
    assert "Referred to Trafikverket" in protocol


def test_the_chief_may_write_the_public_note_and_update_their_reference(
    client, db, chief, make_observation, trafikverket
):
    observation = make_observation(status="triaged")
    _refer(client, observation, trafikverket, public_note="Vägen sköts av Trafikverket.")
    referral = _referral(db, observation)
    assert _events(db, observation)[-1].public_note == "Vägen sköts av Trafikverket."
    later = FUTURE + timedelta(days=10)
    response = client.post(
        f"/referrals/{referral.id}/reference",
        data={"reference": "TRV 2021/999", "expected_reply_on": later.isoformat()},
    )
    assert response.status_code == 303
    referral = _referral(db, observation)
    assert (referral.reference, referral.expected_reply_on) == ("TRV 2021/999", later)
    assert "TRV 2021/999" in _events(db, observation)[-1].internal_note


def test_another_municipalitys_owner_is_not_there(
    client, db, chief, make_observation, make_organisation, other_municipality
):
    foreign = make_organisation(
        name="Trafikverket Öst", kind="road_authority", municipality=other_municipality
    )
    observation = make_observation()
    assert _refer(client, observation, foreign).status_code == 404
    assert _referral(db, observation) is None
    db.refresh(observation)
    assert observation.status == ObservationStatus.RECEIVED


def test_the_municipalitys_own_units_get_an_action_not_a_referral(
    client, db, chief, make_observation, make_organisation
):
    police = make_organisation(name="Polisen", kind="police")
    observation = make_observation()
    response = _refer(client, observation, police)
    assert response.status_code == 422
    assert "outside the municipality" in response.get_data(as_text=True)
    assert _referral(db, observation) is None


def test_one_referral_waits_at_a_time(client, db, chief, make_observation, trafikverket):
    observation = make_observation()
    _refer(client, observation, trafikverket)
    response = _refer(client, observation, trafikverket)
    assert response.status_code == 422
    assert "already referred to Trafikverket" in response.get_data(as_text=True)
    db.expire_all()
    assert len(db.scalars(select(Referral)).all()) == 1


def test_the_owner_is_mailed_the_public_details_without_personal_data(
    client, db, chief, make_walk, make_observation, trafikverket
):
    walk = make_walk(status="closed")
    author = WalkParticipant(
        walk=walk,
        display_name="Cecilia Zetterlund",
        represents="resident",
        consent_given_at=walk.starts_at,
        wants_feedback=True,
        feedback_email="cecilia@example.se",
    )
    db.add(author)
    observation = make_observation(
        walk=walk, author=author, note="Bertil Ohlsson 070-123 45 67 står här varje kväll."
    )
    _refer(client, observation, trafikverket, expected_reply_on=FUTURE.isoformat())
    (mail,) = _mails(db)
    assert mail.to_address == "trafikverket@trafikverket.example"
    text = mail.subject + mail.body
    assert "Trafikverket" in mail.subject
    assert "59.374500, 17.031900" in mail.body  # the position
    assert FUTURE.isoformat() in mail.body
    assert f"/p/walks/{walk.public_token}#obs-{observation.id}" in mail.body
    for personal in ("Bertil", "Ohlsson", "070", "Cecilia", "Zetterlund", "cecilia@"):
        assert personal not in text, personal
    assert "/photos/" not in mail.body  # no photo of staff pages, approved or not


def test_a_published_note_is_sent_as_published(client, db, chief, make_observation, trafikverket):
    observation = make_observation(
        note="Lampan vid busshållplatsen är trasig.", note_approved_at=datetime.now(UTC)
    )
    _refer(client, observation, trafikverket)
    (mail,) = _mails(db)
    assert "Lampan vid busshållplatsen är trasig." in mail.body


def test_the_answer_is_recorded_on_the_timeline_and_fixes_the_observation(
    client, db, chief, make_observation, trafikverket
):
    observation = make_observation()
    _refer(client, observation, trafikverket)
    referral = _referral(db, observation)
    response = client.post(
        f"/referrals/{referral.id}/answer",
        data={"answer_note": "Belysningen lagades vecka 44.", "observation_status": "fixed"},
    )
    assert response.status_code == 303
    referral = _referral(db, observation)
    assert referral.status == ReferralStatus.ANSWERED
    assert referral.answer_note == "Belysningen lagades vecka 44."
    assert referral.answered_at is not None
    db.refresh(observation)
    assert observation.status == ObservationStatus.FIXED
    last = _events(db, observation)[-1]
    assert (last.to_status, last.public_note) == ("fixed", "Belysningen lagades vecka 44.")
    page = client.get(f"/observations/{observation.id}").get_data(as_text=True)
    assert "Belysningen lagades vecka 44." in page
    assert 'data-referral-status="answered"' in page


def test_an_answer_may_leave_the_observation_referred(
    client, db, chief, make_observation, trafikverket
):
    observation = make_observation()
    _refer(client, observation, trafikverket)
    referral = _referral(db, observation)
    client.post(f"/referrals/{referral.id}/answer", data={"answer_note": "Åtgärdas i vår."})
    db.refresh(observation)
    assert observation.status == ObservationStatus.REFERRED
    assert _events(db, observation)[-1].public_note == "Åtgärdas i vår."
    # Answered once: a second answer is refused, and nothing changes.
    response = client.post(f"/referrals/{referral.id}/answer", data={"answer_note": "Igen."})
    assert response.status_code == 422
    assert _referral(db, observation).answer_note == "Åtgärdas i vår."


def test_withdrawing_brings_the_observation_back_and_tells_the_owner(
    client, db, chief, make_observation, trafikverket
):
    observation = make_observation()
    _refer(client, observation, trafikverket)
    referral = _referral(db, observation)
    response = client.post(
        f"/referrals/{referral.id}/withdraw",
        data={"reason": "Kommunen sköter vägen själv.", "public_note": "Kommunen åtgärdar."},
    )
    assert response.status_code == 303
    assert _referral(db, observation).status == ReferralStatus.WITHDRAWN
    db.refresh(observation)
    assert observation.status == ObservationStatus.TRIAGED
    mails = _mails(db)
    assert [m.to_address for m in mails] == ["trafikverket@trafikverket.example"] * 2
    assert "Kommunen sköter vägen själv." not in mails[-1].body  # the reason is internal
    # A new referral is possible again.
    assert _refer(client, observation, trafikverket).status_code == 303


def _run_reminders(app, on: date) -> None:
    result = app.test_cli_runner().invoke(args=["send-reminders", "--date", on.isoformat()])
    assert result.exit_code == 0, result.output


def test_a_late_answer_is_reminded_once_a_week_until_answered(
    app, client, db, chief, make_user, make_observation, trafikverket
):
    make_user(Role.SAFETY_CHIEF, email="chief2@example.se")
    observation = make_observation()
    _refer(client, observation, trafikverket, expected_reply_on=FUTURE.isoformat())

    def reminders():
        return [m.to_address for m in _mails(db, MessageKind.OVERDUE)]

    _run_reminders(app, FUTURE)  # the date itself: not yet late
    assert reminders() == []
    _run_reminders(app, FUTURE + timedelta(days=1))
    assert sorted(reminders()) == sorted([chief.email, "chief2@example.se"])
    body = _mails(db, MessageKind.OVERDUE)[0].body
    assert "Trafikverket" in body and f"/referrals/{_referral(db, observation).id}" in body
    assert _referral(db, observation).reminded_on == FUTURE + timedelta(days=1)
    _run_reminders(app, FUTURE + timedelta(days=1))  # run twice a day
    _run_reminders(app, FUTURE + timedelta(days=7))  # within the week
    assert len(reminders()) == 2
    _run_reminders(app, FUTURE + timedelta(days=8))  # a week later
    assert len(reminders()) == 4
    referral = _referral(db, observation)
    client.post(f"/referrals/{referral.id}/answer", data={"answer_note": "Vi åtgärdar det."})
    _run_reminders(app, FUTURE + timedelta(days=30))
    assert len(reminders()) == 4


def test_the_open_list_shows_the_most_overdue_first(
    client, db, chief, make_observation, trafikverket
):
    late, later, on_time = (make_observation() for _ in range(3))
    for observation in (on_time, late, later):
        _refer(client, observation, trafikverket)
    today = date.today()
    for observation, days in ((late, 3), (later, 10), (on_time, -5)):
        referral = _referral(db, observation)
        referral.expected_reply_on = today - timedelta(days=days)
        db.commit()
    page = client.get("/referrals/").get_data(as_text=True)
    ids = [_referral(db, o).id for o in (later, late, on_time)]
    positions = [page.index(f'id="referral-{i}"') for i in ids]
    assert positions == sorted(positions)
    assert "10 days overdue" in page and "3 days overdue" in page


def test_another_municipalitys_referral_is_not_found(
    app, client, db, chief, make_user, login, make_observation, trafikverket, other_municipality
):
    observation = make_observation()
    _refer(client, observation, trafikverket)
    referral = _referral(db, observation)
    other = app.test_client()
    login(make_user(Role.SAFETY_CHIEF, municipality=other_municipality), test_client=other)
    assert other.get(f"/referrals/{referral.id}").status_code == 404
    for action in ("answer", "withdraw", "reference"):
        response = other.post(f"/referrals/{referral.id}/{action}", data={"answer_note": "x"})
        assert response.status_code == 404, action
    assert other.get(f"/observations/{observation.id}/refer").status_code == 404
    assert f"referral-{referral.id}" not in other.get("/referrals/").get_data(as_text=True)
    assert _referral(db, observation).status == ReferralStatus.SENT


def test_a_walk_leader_reads_the_referral_but_cannot_refer(
    client, db, login_as, make_observation, trafikverket
):
    login_as(Role.WALK_LEADER)
    observation = make_observation()
    assert _refer(client, observation, trafikverket).status_code == 403
    assert _referral(db, observation) is None
