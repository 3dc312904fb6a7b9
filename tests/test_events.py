"""Each workflow is one transition table; allowed changes write an event, the rest are refused."""

import pytest

from walkapp.actions.models import ACTION_NEEDS_PUBLIC_NOTE, ACTION_TRANSITIONS, ActionStatus
from walkapp.errors import DomainError
from walkapp.events.models import Event, SubjectType
from walkapp.events.queries import timeline
from walkapp.events.services import TransitionNotAllowed, change_status
from walkapp.observations.models import (
    OBSERVATION_NEEDS_PUBLIC_NOTE,
    OBSERVATION_TRANSITIONS,
    ObservationStatus,
)
from walkapp.walks.models import WALK_TRANSITIONS, WalkStatus

WORKFLOWS = {
    "walk": (WalkStatus, WALK_TRANSITIONS, frozenset(), SubjectType.WALK),
    "observation": (
        ObservationStatus,
        OBSERVATION_TRANSITIONS,
        OBSERVATION_NEEDS_PUBLIC_NOTE,
        SubjectType.OBSERVATION,
    ),
    "action": (ActionStatus, ACTION_TRANSITIONS, ACTION_NEEDS_PUBLIC_NOTE, SubjectType.ACTION),
}


def _cases():
    for name, (status_type, table, _notes, _subject) in WORKFLOWS.items():
        assert set(table) == set(status_type), f"{name}: every status needs a row"
        for source in status_type:
            for target in status_type:
                yield pytest.param(
                    name,
                    source,
                    target,
                    target in table[source],
                    id=f"{name}:{source.value}->{target.value}",
                )


@pytest.fixture
def subjects(make_walk, make_observation, make_action):
    def make(name):
        if name == "walk":
            return make_walk()
        if name == "observation":
            return make_observation()
        return make_action()

    return make


@pytest.mark.parametrize(("name", "source", "target", "allowed"), list(_cases()))
def test_each_transition_is_allowed_or_refused_as_the_table_says(
    db, subjects, name, source, target, allowed
):
    _status_type, table, needs_note, subject_type = WORKFLOWS[name]
    subject = subjects(name)
    subject.status = source
    db.commit()
    events_before = db.query(Event).count()
    if allowed:
        event = change_status(
            db,
            None,
            subject,
            subject_type,
            target.value,
            transitions=table,
            needs_public_note=needs_note,
            public_note="Klart.",
        )
        db.commit()
        assert subject.status == target
        assert (event.from_status, event.to_status) == (source.value, target.value)
        assert db.query(Event).count() == events_before + 1
    else:
        with pytest.raises(TransitionNotAllowed):
            change_status(
                db,
                None,
                subject,
                subject_type,
                target.value,
                transitions=table,
                needs_public_note=needs_note,
                public_note="Klart.",
            )
        db.rollback()
        db.expire_all()
        assert subject.status == source
        assert db.query(Event).count() == events_before


@pytest.mark.parametrize(
    ("name", "source", "target"),
    [
        ("observation", "triaged", "no_action"),
        ("observation", "triaged", "referred"),
        ("action", "open", "rejected"),
        ("action", "in_progress", "done"),
    ],
)
def test_some_changes_need_a_public_reason(db, subjects, name, source, target):
    _status_type, table, needs_note, subject_type = WORKFLOWS[name]
    subject = subjects(name)
    subject.status = source
    db.commit()
    with pytest.raises(DomainError, match="offentlig kommentar|public note"):
        change_status(
            db,
            None,
            subject,
            subject_type,
            target,
            transitions=table,
            needs_public_note=needs_note,
            public_note="   ",
        )
    db.rollback()
    db.expire_all()
    assert subject.status == source


def test_an_unknown_status_is_refused(db, subjects):
    walk = subjects("walk")
    with pytest.raises(TransitionNotAllowed):
        change_status(db, None, walk, SubjectType.WALK, "exploded", transitions=WALK_TRANSITIONS)


def test_the_timeline_lists_the_changes_in_order(db, subjects):
    walk = subjects("walk")
    for status in ("active", "closed", "followed_up"):
        change_status(db, None, walk, SubjectType.WALK, status, transitions=WALK_TRANSITIONS)
    db.commit()
    steps = [(e.from_status, e.to_status) for e in timeline(db, SubjectType.WALK, walk.id)]
    assert steps == [("planned", "active"), ("active", "closed"), ("closed", "followed_up")]
