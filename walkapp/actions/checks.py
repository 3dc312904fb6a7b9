"""Repeat walks: a participant's look at an earlier observation, and what "fixed" confirms.

It lives with actions, not observations, because "fixed" verifies actions: observations sit
below actions and never import them.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.actions.models import ACTION_TRANSITIONS, Action, ActionStatus
from walkapp.actions.queries import linked_actions
from walkapp.actions.services import sync_observation_status
from walkapp.errors import Conflict, NotFound
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import change_status, record_event
from walkapp.observations.models import CheckVerdict, Observation, ObservationCheck
from walkapp.walks.models import WalkParticipant
from walkapp.walks.timing import check_walk_open_for


@dataclass(frozen=True)
class CheckInput:
    """What a phone sent about an earlier observation, parsed (api/forms.py)."""

    client_uuid: uuid.UUID
    verdict: CheckVerdict
    checked_at: datetime


def record_check(
    db: Session,
    participant: WalkParticipant,
    observation_id: int,
    sent: CheckInput,
    *,
    late_grace: timedelta,
    now: datetime,
) -> tuple[ObservationCheck, bool]:
    """A participant's look at an earlier observation on a repeat walk; True when new.

    "Fixed" confirms work reported done: those actions become verified, which is what "verified
    on a repeat walk" means. "Still a problem" and "worse" are shown to the chief, who decides.
    """
    client_uuid, verdict, checked_at = sent.client_uuid, sent.verdict, sent.checked_at
    existing = db.scalar(
        select(ObservationCheck).where(ObservationCheck.client_uuid == client_uuid)
    )
    if existing is not None:
        if existing.participant_id != participant.id:
            raise Conflict(_l("Another check already has this id."))
        return existing, False
    walk = participant.walk
    observation = db.get(Observation, observation_id)
    if observation is None or walk.repeat_of_id is None or observation.walk_id != walk.repeat_of_id:
        raise NotFound(_l("The observation is not one of the earlier walk's."))
    check_walk_open_for(db, walk, "checked_at", checked_at, now, late_grace)
    check = ObservationCheck(
        observation_id=observation.id,
        walk_id=walk.id,
        participant_id=participant.id,
        client_uuid=client_uuid,
        verdict=verdict,
        checked_at=checked_at,
        received_at=now,
    )
    db.add(check)
    db.flush()
    record_event(
        db,
        None,
        SubjectType.OBSERVATION,
        observation.id,
        EventKind.COMMENTED,
        participant_id=participant.id,
        internal_note=f"repeat walk #{walk.id}: {verdict.value}",
        at=now,
    )
    if verdict == CheckVerdict.FIXED:
        done: list[Action] = [
            a for a in linked_actions(db, observation) if a.status == ActionStatus.DONE
        ]
        for action in done:
            change_status(
                db,
                None,
                action,
                SubjectType.ACTION,
                ActionStatus.VERIFIED,
                transitions=ACTION_TRANSITIONS,
                internal_note=f"confirmed on repeat walk #{walk.id}",
                at=now,
            )
        if done:
            sync_observation_status(db, None, observation, now=now)
    db.flush()
    return check, True
