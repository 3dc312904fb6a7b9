"""Open311 GeoReport v2: services are our categories, requests are observations.

Public answers carry only what the public walk protocol shows: the masked note, public photo
versions, statuses and public notes; never a name, an e-mail address or an original note.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.errors import DomainError, Forbidden
from walkapp.fields import FIRST_YEAR, LAST_YEAR
from walkapp.observations.creation import NewObservation, create_observation
from walkapp.observations.models import (
    Category,
    LocationSource,
    Observation,
    ObservationStatus,
    Polarity,
)
from walkapp.open311.models import KEY_PREFIX_LENGTH, ApiKey, hash_key, new_key
from walkapp.places.models import Municipality
from walkapp.security import in_scope
from walkapp.walks.models import PUBLISHED_WALK_STATUSES, Walk

DEFAULT_DAYS = 90
MAX_ROWS = 1000
OPEN = frozenset(
    {
        ObservationStatus.RECEIVED,
        ObservationStatus.TRIAGED,
        ObservationStatus.ACTION_PLANNED,
        ObservationStatus.LONG_TERM,
    }
)


class Open311Error(DomainError):
    """An error in the spec's shape: a code and a description."""

    def __init__(self, status_code: int, message):
        super().__init__(message)
        self.status_code = status_code


# ---------- keys ----------


def create_api_key(
    db: Session, actor: User, municipality: Municipality, name: str
) -> tuple[ApiKey, str]:
    """A new key for one municipality; the plain key is returned here and never again."""
    if actor.role != Role.ADMIN or not in_scope(actor, municipality.id):
        raise Forbidden(_l("Only an administrator of the municipality manages API keys."))
    if not name.strip():
        raise DomainError(_l("Name the key after the system that will use it."))
    key = new_key()
    api_key = ApiKey(
        municipality=municipality,
        name=name.strip()[:120],
        prefix=key[: KEY_PREFIX_LENGTH + 3],
        key_hash=hash_key(key),
        created_by_id=actor.id,
    )
    db.add(api_key)
    db.flush()
    return api_key, key


def revoke_api_key(db: Session, actor: User, api_key: ApiKey) -> ApiKey:
    if actor.role != Role.ADMIN or not in_scope(actor, api_key.municipality_id):
        raise Forbidden(_l("Only an administrator of the municipality manages API keys."))
    if api_key.revoked_at is None:
        api_key.revoked_at = utcnow()
    db.flush()
    return api_key


def check_api_key(db: Session, key: str | None, municipality: Municipality) -> ApiKey:
    """The active key of this municipality, or 403 whatever is wrong (never say which)."""
    api_key = db.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key or "")))
    if api_key is None or not api_key.is_active or api_key.municipality_id != municipality.id:
        raise Open311Error(403, _l("The api_key is missing, revoked or not valid here."))
    api_key.last_used_at = utcnow()
    return api_key


# ---------- jurisdictions and services ----------


def find_jurisdiction(db: Session, jurisdiction_id: str | None) -> Municipality:
    """By web domain (the convention) or slug; required, since we serve many municipalities."""
    if not jurisdiction_id:
        raise Open311Error(400, _l("jurisdiction_id is required."))
    municipality = db.scalar(
        select(Municipality).where(
            or_(Municipality.web_domain == jurisdiction_id, Municipality.slug == jurisdiction_id)
        )
    )
    if municipality is None:
        raise Open311Error(404, _l("Unknown jurisdiction_id."))
    return municipality


def find_service(db: Session, code: str) -> Category:
    category = db.get(Category, code)
    if category is None or not category.is_active:
        raise Open311Error(404, _l("Unknown service_code."))
    return category


# ---------- requests ----------


@dataclass(frozen=True)
class RequestQuery:
    ids: tuple[int, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    page: int = 1
    page_size: int = MAX_ROWS


def parse_datetime(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(400, _l("%(name)s is not a W3C datetime.", name=name)) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        # Outside these years "90 days before" is no date at all.
        raise Open311Error(400, _l("%(name)s is not a W3C datetime.", name=name))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _public_observations(municipality: Municipality):
    """What the public may see: observations of walks that have started, or sent by Open311."""
    published_walks = select(Walk.id).where(Walk.status.in_(PUBLISHED_WALK_STATUSES))
    return select(Observation).where(
        Observation.municipality_id == municipality.id,
        Observation.status != ObservationStatus.DUPLICATE,
        or_(Observation.walk_id.is_(None), Observation.walk_id.in_(published_walks)),
    )


def find_requests(
    db: Session, municipality: Municipality, query: RequestQuery, now: datetime
) -> list[Observation]:
    """The spec's defaults: the last 90 days, at most 1,000 rows; a longer range is refused."""
    # The walk gives each public photo its address: loaded with the rows, not once per row.
    statement = _public_observations(municipality).options(
        joinedload(Observation.category), joinedload(Observation.walk)
    )
    if query.ids:
        statement = statement.where(Observation.id.in_(query.ids))
    else:
        end = query.end or now
        start = query.start or end - timedelta(days=DEFAULT_DAYS)
        if start > end:
            raise Open311Error(400, _l("start_date is after end_date."))
        if end - start > timedelta(days=DEFAULT_DAYS):
            raise Open311Error(400, _l("The date range is at most 90 days."))
        statement = statement.where(
            Observation.received_at >= start, Observation.received_at <= end
        )
    if query.service_codes:
        statement = statement.where(Observation.category_code.in_(query.service_codes))
    if query.statuses:
        wanted = set()
        for status in query.statuses:
            if status == "open":
                wanted |= OPEN
            elif status == "closed":
                wanted |= set(ObservationStatus) - OPEN
            else:
                raise Open311Error(400, _l("status is open or closed."))
        statement = statement.where(Observation.status.in_(wanted))
    statement = statement.order_by(Observation.received_at.desc(), Observation.id.desc())
    if not 1 <= query.page <= 100_000 or not 1 <= query.page_size <= MAX_ROWS:
        raise Open311Error(400, _l("page starts at 1 and page_size is 1 to 1000."))
    rows = list(
        db.scalars(statement.limit(query.page_size).offset((query.page - 1) * query.page_size))
    )
    if not rows and query.page > 1:
        raise Open311Error(404, _l("There is no such page."))
    return rows


@dataclass(frozen=True)
class ServiceRequestInput:
    """A request another system posted, parsed (open311/forms.py); its category is active."""

    category: Category
    lat: float
    lon: float
    description: str
    polarity: Polarity
    severity: int


def create_request(
    db: Session, api_key: ApiKey, municipality: Municipality, sent: ServiceRequestInput
) -> Observation:
    """A report from another system lands in the municipality's inbox for the chief to triage."""
    now = utcnow()
    return create_observation(
        db,
        municipality,
        NewObservation(
            lat=sent.lat,
            lon=sent.lon,
            location_source=LocationSource.MAP,
            category=sent.category,
            polarity=sent.polarity,
            severity=sent.severity,
            note=sent.description,
            recorded_at=now,
        ),
        now=now,
        internal_note=f"Open311, key {api_key.prefix}… ({api_key.name})",
    )


def find_by_token(db: Session, token: str) -> Observation:
    try:
        client_uuid = uuid.UUID(token)
    except ValueError:
        raise Open311Error(404, _l("Unknown token.")) from None
    observation = db.scalar(
        select(Observation).where(
            Observation.client_uuid == client_uuid, Observation.walk_id.is_(None)
        )
    )
    if observation is None:
        raise Open311Error(404, _l("Unknown token."))
    return observation
