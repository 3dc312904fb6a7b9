"""E-mail: kept in the outbox, reminders once a day whatever happens, sent through real SMTP."""

import socket
from datetime import date, timedelta
from email import message_from_string, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from walkapp.auth.models import Role
from walkapp.notifications.mail import MAIL_RENDERER, mail_link
from walkapp.notifications.models import MessageKind, OutboxMessage
from walkapp.notifications.sending import TemplateRenderer
from walkapp.notifications.services import notify_assignment
from walkapp.walks.models import WalkParticipant

TODAY = date(2026, 11, 23)


def _messages(db, kind=None):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind is not None:
        query = query.where(OutboxMessage.kind == kind)
    return db.scalars(query).all()


@pytest.fixture
def technical(make_organisation, make_user, db):
    organisation = make_organisation("Teknik- och servicekontoret", "municipal_unit")
    organisation.email = "teknik@kommun.example"
    db.commit()
    make_user(Role.HANDLER, organisation=organisation, email="anna@kommun.example")
    make_user(
        Role.HANDLER, organisation=organisation, email="ledig@kommun.example", is_active=False
    )
    return organisation


def test_a_new_action_is_announced_to_the_organisation(
    client, login_as, make_observation, technical, db
):
    login_as(Role.SAFETY_CHIEF)
    observation = make_observation()
    response = client.post(
        "/actions/new",
        data={
            "observation_ids": observation.id,
            "title": "Byt lampan",
            "organisation_id": technical.id,
            "priority": "normal",
            "due_on": (date.today() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 303
    messages = _messages(db, MessageKind.ASSIGNED)
    assert {m.to_address for m in messages} == {"teknik@kommun.example", "anna@kommun.example"}
    assert all(m.sent_at is None for m in messages)  # no SMTP here: they wait, nothing is lost
    assert messages[0].subject == "Ny åtgärd för Teknik- och servicekontoret: Byt lampan"
    assert "http://127.0.0.1:5000/actions/" in messages[0].body


def _run_reminders(app, on: date):
    result = app.test_cli_runner().invoke(args=["send-reminders", "--date", on.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_reminders_are_queued_once_a_day_however_often_they_run(app, db, make_action, technical):
    make_action(organisation=technical, title="Snart", due_on=TODAY + timedelta(days=2))
    make_action(organisation=technical, title="Sen", due_on=TODAY - timedelta(days=1))
    make_action(organisation=technical, title="Senare", due_on=TODAY - timedelta(days=5))
    make_action(organisation=technical, title="Långt bort", due_on=TODAY + timedelta(days=30))
    make_action(organisation=technical, title="Klar", due_on=TODAY - timedelta(9), status="done")
    output = _run_reminders(app, TODAY)
    assert "Queued 2 due-soon reminders and 2 overdue digests" in output
    assert "No MAIL_SERVER is set" in output
    assert _run_reminders(app, TODAY).startswith("Queued 0 due-soon reminders and 0 overdue")
    due_soon = _messages(db, MessageKind.DUE_SOON)
    assert {m.to_address for m in due_soon} == {"teknik@kommun.example", "anna@kommun.example"}
    assert "Snart" in due_soon[0].subject
    digest = _messages(db, MessageKind.OVERDUE)[0]
    assert "2 försenade åtgärder" in digest.subject
    assert "Sen" in digest.body and "Senare" in digest.body and "Klar" not in digest.body
    # The next day brings a new digest, but the due-soon reminder is not repeated.
    assert _run_reminders(app, TODAY + timedelta(days=1)).startswith(
        "Queued 0 due-soon reminders and 2 overdue digests"
    )


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_the_outbox_is_sent_through_smtp_once(app, db, make_action, technical, smtp_server):
    port, inbox = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    make_action(organisation=technical, title="Sen", due_on=TODAY - timedelta(days=1))
    output = _run_reminders(app, TODAY)
    assert "sent 2, failed 0" in output
    assert sorted(rcpt for rcpts, _ in inbox.messages for rcpt in rcpts) == [
        "anna@kommun.example",
        "teknik@kommun.example",
    ]
    sent = message_from_string(inbox.messages[0][1], policy=policy.default)
    assert sent["Subject"] == "1 försenad åtgärd för Teknik- och servicekontoret"
    assert "Sen (klart senast 2026-11-22, Öppen)" in sent.get_content()
    assert "sent 0, failed 0" in _run_reminders(app, TODAY)
    assert len(inbox.messages) == 2
    db.expire_all()
    assert all(m.sent_at is not None for m in _messages(db))


def test_participants_who_asked_hear_that_their_observation_is_fixed(
    client, login, make_user, make_action, make_observation, make_walk, technical, db
):
    walk = make_walk(status="closed")
    asked = WalkParticipant(
        walk=walk,
        display_name="Bo",
        represents="resident",
        consent_given_at=walk.starts_at,
        wants_feedback=True,
        feedback_email="bo@example.se",
    )
    db.add(asked)
    db.commit()
    silent = make_observation(walk=walk)  # its author did not ask
    pinned = make_observation(walk=walk, author=asked, status="action_planned")
    action = make_action(
        observations=[pinned, silent], organisation=technical, status="in_progress"
    )
    login(make_user(Role.HANDLER, organisation=technical))
    for _ in range(2):  # done, reopened, done again: one message
        client.post(f"/actions/{action.id}", data={"status": "done", "public_note": "Lagat."})
        client.post(f"/actions/{action.id}", data={"status": "in_progress"})
    fixed = _messages(db, MessageKind.FIXED)
    assert [m.to_address for m in fixed] == ["bo@example.se"]
    assert f"/p/walks/{walk.public_token}#obs-{pinned.id}" in fixed[0].body
    assert fixed[0].subject == "Åtgärdat: Belysning saknas/trasig"


def test_the_admin_reads_the_outbox_of_their_municipality_only(
    client, login_as, db, municipality, other_municipality
):
    for place, address in [(municipality, "har@example.se"), (other_municipality, "dar@ex.se")]:
        db.add(
            OutboxMessage(
                municipality_id=place.id,
                kind=MessageKind.ASSIGNED,
                dedupe_key=address,
                to_address=address,
                subject="Ny åtgärd",
                body="Text",
            )
        )
    db.commit()
    login_as(Role.ADMIN)
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "har@example.se" in page and "dar@ex.se" not in page
    assert "Ingen SMTP-server är inställd" in page
    assert db.scalar(select(func.count(OutboxMessage.id))) == 2


def test_services_queue_with_the_renderer_their_session_was_given(app, make_action, technical):
    """No Flask in the services: the text comes from whoever opened the session."""
    action = make_action(organisation=technical, title="Byt lampan")
    rendered = []

    def renderer(template, context):
        rendered.append((template, context))
        return f"Ämne {template}", "Text"

    with app.extensions["walkapp.sessionmaker"](info={MAIL_RENDERER: renderer}) as session:
        held = session.get(type(action), action.id)
        assert notify_assignment(session, held) == 2
        session.commit()
        queued = _messages(session, MessageKind.ASSIGNED)
    assert [m.subject for m in queued] == ["Ämne mail/assigned.txt"] * 2
    assert rendered[0][1]["url"] == mail_link("actions.show", action_id=action.id)


def test_a_mail_link_is_an_absolute_url_on_the_public_base(app):
    render = TemplateRenderer(app)
    target = mail_link("protocol.show", token="abc", anchor="obs-7")
    assert render.url(target) == "http://127.0.0.1:5000/p/walks/abc#obs-7"
