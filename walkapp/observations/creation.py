"""The one service that makes an observation with its CREATED event (phone, Open311, demo)."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.observations.models import Category, LocationSource, Observation, Polarity
from walkapp.personal_data import find_personal_data, kinds_of
from walkapp.places.models import Municipality
from walkapp.walks.models import WalkParticipant

# Signs that a note alleges a crime: not personal data as such, but a reason to hold the note for
# the chief too (who names whom is the detector's business, walkapp.personal_data).
_CRIME = re.compile(
    r"\b(?:lang(?:a|ar|are|ning)|knark|narkotik|drog(?:er|handel)|dealer|stj[äa]l|stöld|stul"
    r"|misshand|rån(?:ar|ade|et)?\b|hot\b|hota(?:r|de)|inbrott|v[åa]ldt[äa]kt|vapen|kniv|skjut"
    r"|drug|deal(?:s|ing)\b|steal|stole|theft|assault|robb|burglar|weapon|knife)",
    re.IGNORECASE,
)


def personal_data_hints(note: str) -> list[str]:
    """Which kinds of personal data (or "crime") a note seems to contain; flagged when any."""
    hints = [kind.value for kind in kinds_of(find_personal_data(note or ""))]
    return hints + (["crime"] if _CRIME.search(note or "") else [])


def note_publishes_itself(auto_publish: bool, note: str, is_flagged: bool) -> bool:
    """Automatic publication: only where the municipality chose it, and only clean notes."""
    return auto_publish and bool(note.strip()) and not is_flagged


@dataclass(frozen=True)
class NewObservation:
    """An observation's checked content: the caller has validated every field."""

    lat: float
    lon: float
    category: Category
    polarity: Polarity
    severity: int
    note: str
    recorded_at: datetime
    location_source: LocationSource = LocationSource.GPS
    accuracy_m: float | None = None
    feeling: int | None = None
    client_uuid: uuid.UUID | None = None  # a new one when None (Open311, the demo)


def create_observation(
    db: Session,
    municipality: Municipality,
    new: NewObservation,
    *,
    now: datetime,
    author: WalkParticipant | None = None,
    internal_note: str | None = None,
) -> Observation:
    """Store an observation (on its author's walk, if any) and its CREATED event; flush.

    A note the personal-data detector finds something in is flagged for the chief; where the
    municipality chose it, a clean note is public at once.
    """
    note = new.note.strip()
    observation = Observation(
        municipality_id=municipality.id,
        walk=author.walk if author is not None else None,
        author=author,
        client_uuid=new.client_uuid or uuid.uuid4(),
        lat=new.lat,
        lon=new.lon,
        accuracy_m=new.accuracy_m,
        location_source=new.location_source,
        category=new.category,
        polarity=new.polarity,
        severity=new.severity,
        feeling=new.feeling,
        note=note,
        recorded_at=new.recorded_at,
        received_at=now,
        is_flagged=bool(personal_data_hints(new.note)),
    )
    if note_publishes_itself(municipality.auto_publish_clean_notes, note, observation.is_flagged):
        observation.note_approved_at = now
    db.add(observation)
    db.flush()
    record_event(
        db,
        None,
        SubjectType.OBSERVATION,
        observation.id,
        EventKind.CREATED,
        internal_note=internal_note,
        participant_id=author.id if author is not None else None,
        at=now,
    )
    return observation
