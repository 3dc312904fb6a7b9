"""Report reminders: the authors are mailed once before a report is due, weekly while it is late."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from walkapp.auth.models import Role
from walkapp.notifications.models import MessageKind, OutboxMessage
from walkapp.promises.models import Promise
from walkapp.promises.periods import due_on, regular_periods
from walkapp.reports.models import FollowUp, FollowUpStatus
from walkapp.reports.reminders import queue_follow_up_reminders

# The promise of 2026 below: tertials from January, reports due 14 days after a period ends.
T1_DUE = date(2026, 5, 14)


@pytest.fixture
def promise(db, municipality, make_promise):
    promise = make_promise(title="Medborgarlöfte 2026", year=2026)
    promise.report_due_days = 14
    db.commit()
    return promise


@pytest.fixture
def authors(make_user, other_municipality):
    chief = make_user(Role.SAFETY_CHIEF, email="chef@kommun.example")
    police = make_user(Role.POLICE_COORDINATOR, email="kommunpolis@polisen.example")
    # Not authors, or not here: never mailed about the report.
    make_user(Role.SAFETY_CHIEF, email="slutat@kommun.example", is_active=False)
    make_user(Role.WALK_LEADER, email="ledare@kommun.example")
    make_user(Role.SAFETY_CHIEF, email="chef@soderkoping.example", municipality=other_municipality)
    return chief, police


def _remind(app, db, on: date) -> int:
    with app.app_context():
        count = queue_follow_up_reminders(db, today=on)
        db.commit()
    return count


DUE, LATE = "follow_up_due:", "follow_up_late:"


def _messages(db, which=None):
    """The outbox's messages; `which`: only the "due" (DUE) or the "late" (LATE) reminders."""
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    messages = db.scalars(query).all()
    assert all(m.kind == MessageKind.FOLLOW_UP for m in messages)
    return [m for m in messages if which is None or m.dedupe_key.startswith(which)]


def _follow_up(db, promise, key="2026-T1"):
    db.expire_all()
    return db.scalar(
        select(FollowUp).where(FollowUp.promise_id == promise.id, FollowUp.period_label == key)
    )


def test_the_authors_are_told_once_a_week_before_the_report_is_due(app, db, promise, authors):
    assert _remind(app, db, date(2026, 5, 6)) == 0  # eight days before: not yet
    assert _follow_up(db, promise) is None
    assert _remind(app, db, date(2026, 5, 8)) == 2
    messages = _messages(db, DUE)
    assert {m.to_address for m in messages} == {
        "chef@kommun.example",
        "kommunpolis@polisen.example",
    }
    assert "Medborgarlöfte 2026" in messages[0].subject
    assert "2026-05-14" in messages[0].body or "14 maj 2026" in messages[0].body
    assert f"http://127.0.0.1:5000/promises/{promise.id}/reports/2026-T1" in messages[0].body
    # The period got its follow-up, as a draft, and remembers the reminder.
    follow_up = _follow_up(db, promise)
    assert follow_up.status == FollowUpStatus.DRAFT
    assert (follow_up.starts_on, follow_up.ends_on) == (date(2026, 1, 1), date(2026, 4, 30))
    assert follow_up.due_reminded_on == date(2026, 5, 8)
    # Run again that day, and on the days up to the due date: nothing more.
    for day in (8, 9, 12, 14):
        assert _remind(app, db, date(2026, 5, day)) == 0, day
    assert len(_messages(db)) == 2


def test_a_late_report_is_reminded_of_weekly(app, db, promise, authors):
    assert _remind(app, db, date(2026, 5, 15)) == 2  # a day late; no "due" mail any more
    late = _messages(db, LATE)
    assert len(late) == 2 and not _messages(db, DUE)
    assert "Medborgarlöfte 2026" in late[0].subject
    assert _follow_up(db, promise).late_reminded_on == date(2026, 5, 15)
    assert _remind(app, db, date(2026, 5, 15)) == 0  # the same day again
    assert _remind(app, db, date(2026, 5, 21)) == 0  # six days later
    assert _remind(app, db, date(2026, 5, 22)) == 2  # a week later
    assert len(_messages(db, LATE)) == 4


def test_a_published_report_is_not_reminded_of(app, db, promise, authors):
    assert _remind(app, db, date(2026, 5, 8)) == 2
    follow_up = _follow_up(db, promise)
    follow_up.status = FollowUpStatus.PUBLISHED
    follow_up.published_at = datetime(2026, 5, 12, 9, tzinfo=UTC)
    db.commit()
    for day in (date(2026, 5, 15), date(2026, 5, 22), date(2026, 6, 30)):
        assert _remind(app, db, day) == 0, day
    # A correction under way (a draft again) of a published report: still no reminder.
    follow_up.status = FollowUpStatus.DRAFT
    db.commit()
    assert _remind(app, db, date(2026, 7, 1)) == 0


def test_a_moved_due_date_and_the_promises_rhythm_decide_when(app, db, promise, authors):
    promise.report_due_days = 30  # T1 due 30 May
    db.commit()
    assert _remind(app, db, date(2026, 5, 15)) == 0
    assert _remind(app, db, date(2026, 5, 23)) == 2
    follow_up = _follow_up(db, promise)
    follow_up.due_on = date(2026, 6, 20)  # the authors agreed on a later date
    db.commit()
    assert _remind(app, db, date(2026, 6, 1)) == 0  # not late: the follow-up's date counts
    assert _remind(app, db, date(2026, 6, 14)) == 2  # a new "due" for the new date


def test_without_authors_nothing_is_sent_and_a_later_author_is_told(app, db, promise, make_user):
    assert _remind(app, db, date(2026, 5, 8)) == 0
    make_user(Role.POLICE_COORDINATOR, email="ny@polisen.example")
    assert _remind(app, db, date(2026, 5, 9)) == 1


def test_an_old_late_report_is_not_nagged_about_for_ever(app, db, promise, authors):
    # T1 2026 was due 14 May 2026; a year on, only the reports due lately are reminded of.
    assert _remind(app, db, date(2027, 5, 1)) == 0
    assert not _messages(db)


def test_send_reminders_counts_the_report_reminders(app, db, promise, authors):
    result = app.test_cli_runner().invoke(args=["send-reminders", "--date", "2026-05-08"])
    assert result.exit_code == 0, result.output
    assert " 2 follow-up report reminders" in result.output


def _seed_promise(municipality, start, end, kind, start_month, due_days):
    return Promise(
        municipality=municipality,
        title="Medborgarlöfte",
        starts_on=start,
        ends_on=end,
        follow_up_kind=kind,
        period_start_month=start_month,
        report_due_days=due_days,
    )


def test_the_due_dates_of_both_seed_rhythms(municipality, other_municipality):
    # Strängnäs 2018: "Redovisas på polisen.se i början av maj och september 2018 samt
    # januari 2019".
    strangnas = _seed_promise(municipality, date(2018, 1, 1), date(2018, 12, 31), "tertial", 1, 10)
    assert [(p.key, due_on(strangnas, p)) for p in regular_periods(strangnas)] == [
        ("2018-T1", date(2018, 5, 10)),
        ("2018-T2", date(2018, 9, 10)),
        ("2018-T3", date(2019, 1, 10)),
    ]
    # Söderköping 2020-2022: "halvårsvis under maj och november" - halves from November.
    soderkoping = _seed_promise(
        other_municipality, date(2020, 1, 1), date(2022, 12, 31), "half_year", 11, 30
    )
    periods = regular_periods(soderkoping)
    assert [(p.key, due_on(soderkoping, p)) for p in periods][:4] == [
        ("2019-11", date(2020, 5, 30)),
        ("2020-05", date(2020, 11, 30)),
        ("2020-11", date(2021, 5, 30)),
        ("2021-05", date(2021, 11, 30)),
    ]
    assert (periods[1].starts_on, periods[1].ends_on) == (date(2020, 5, 1), date(2020, 10, 31))


def test_the_seed_rhythms_remind_in_may_and_november(app, db, other_municipality, make_user):
    promise = _seed_promise(
        other_municipality, date(2020, 1, 1), date(2022, 12, 31), "half_year", 11, 30
    )
    db.add(promise)
    db.commit()
    make_user(Role.SAFETY_CHIEF, email="chef@soderkoping.example", municipality=other_municipality)
    assert _remind(app, db, date(2020, 11, 25)) == 1  # May-October 2020, due 30 November
    assert _follow_up(db, promise, "2020-05").due_reminded_on == date(2020, 11, 25)
    assert _remind(app, db, date(2021, 5, 24)) == 1  # November-April, due 30 May 2021
    assert _follow_up(db, promise, "2020-11") is not None
