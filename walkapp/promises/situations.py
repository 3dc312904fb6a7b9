"""Lägesbild (Lag 2023:196): saving a dated situation report with its sources and walk figures."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.observations.models import Category, Observation, ObservationStatus, Polarity
from walkapp.personal_data import PersonalDataFound, find_personal_data, kinds_of
from walkapp.places.models import Locality
from walkapp.promises.models import SituationReport, SourceKind
from walkapp.security import in_scope
from walkapp.walks.models import Walk, WalkStatus

# The chief and the kommunpolis write the lägesbild together; the municipality's admin may too.
WRITERS = frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN})
# A walk has given figures once it has started.
HELD_WALK_STATUSES = (WalkStatus.ACTIVE, WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP)
MAX_SOURCE_TEXT = 5_000
MAX_SOURCES = 20
# A lägesbild looks back a few years at most; longer spans are a typing mistake.
MAX_WALK_SPAN_DAYS = 10 * 366


class InvalidSituationReport(DomainError):
    status_code = 422


def _check_writer(actor: User, municipality_id: int | None) -> None:
    # The municipality's own people write it: a national administrator reads every lägesbild but
    # writes none.
    if (
        actor.role not in WRITERS
        or actor.municipality_id is None
        or not in_scope(actor, municipality_id)
    ):
        raise Forbidden(
            _l(
                "Only the safety chief, the kommunpolis and the administrator write a "
                "situation picture."
            )
        )


def _refuse_personal_data(text: str, where) -> None:
    """The lägesbild is public with its promises: any hit refuses it, without an override."""
    hits = find_personal_data(text)
    if hits:
        found = ", ".join(str(kind.label) for kind in kinds_of(hits))
        raise PersonalDataFound(
            _l(
                "A situation picture is public with the promises built on it, but %(where)s "
                "seems to contain %(found)s. Nothing was saved: describe the situation without it.",
                where=where,
                found=found,
            ),
            hits,
        )


@dataclass(frozen=True)
class Source:
    """What a lägesbild rests on: a kind of knowledge, and what it says."""

    kind: SourceKind
    text: str


def _clean_sources(sources: tuple[Source, ...]) -> list[dict]:
    """The sources as stored: known kinds, trimmed texts, empty ones dropped (but walks kept)."""
    cleaned = []
    for source in sources:
        try:
            kind = SourceKind(source.kind)
        except ValueError:
            raise InvalidSituationReport(_l("Unknown kind of source.")) from None
        text = (source.text or "").strip()
        if len(text) > MAX_SOURCE_TEXT:
            raise InvalidSituationReport(
                _l("A source's text is at most %(max)d characters.", max=MAX_SOURCE_TEXT)
            )
        if text or kind == SourceKind.WALKS:
            cleaned.append({"kind": kind.value, "text": text})
    if len(cleaned) > MAX_SOURCES:
        raise InvalidSituationReport(_l("Too many sources."))
    return cleaned


def _check_walk_span(walks_from: date | None, walks_to: date | None) -> None:
    if (walks_from is None) != (walks_to is None):
        raise InvalidSituationReport(
            _l("Give both the first and the last day of the walks to count, or neither.")
        )
    if walks_from is not None and walks_to < walks_from:
        raise InvalidSituationReport(_l("The walks' last day is before their first."))
    if walks_from is not None and (walks_to - walks_from).days > MAX_WALK_SPAN_DAYS:
        raise InvalidSituationReport(_l("Count the walks of at most ten years."))


def save_situation_report(
    db: Session,
    actor: User,
    situation: SituationReport,
    *,
    title: str,
    dated_on: date,
    summary: str,
    sources: tuple[Source, ...],
    walks_from: date | None,
    walks_to: date | None,
    now: datetime,
    timezone: str,
) -> SituationReport:
    """Create or change a lägesbild.

    The walks' figures are counted when the span of walks is first given or changed, then kept as
    they were: later observations or reviews never change what a promise was built on.
    """
    _check_writer(actor, situation.municipality_id)
    title = title.strip()
    if not title:
        raise InvalidSituationReport(_l("Give the situation picture a title."))
    if len(title) > 200:
        raise InvalidSituationReport(_l("The title is at most 200 characters."))
    summary = (summary or "").strip()
    _check_walk_span(walks_from, walks_to)
    cleaned = _clean_sources(sources)
    has_walks = walks_from is not None
    if has_walks and not any(s["kind"] == SourceKind.WALKS for s in cleaned):
        cleaned.append({"kind": SourceKind.WALKS.value, "text": ""})
    if not has_walks:
        cleaned = [s for s in cleaned if s["kind"] != SourceKind.WALKS or s["text"]]
    if not cleaned:
        raise InvalidSituationReport(
            _l(
                "A situation picture rests on at least one source: write what a source says, "
                "or count the walks of a period."
            )
        )
    _refuse_personal_data(title, _l("the title"))
    _refuse_personal_data(summary, _l("the summary"))
    for source in cleaned:
        _refuse_personal_data(source["text"], _l("a source"))

    span_changed = (situation.walks_from, situation.walks_to) != (walks_from, walks_to)
    if not has_walks:
        situation.walk_figures = None
    elif span_changed or situation.walk_figures is None:
        situation.walk_figures = walk_figures(
            db,
            situation.municipality_id,
            walks_from,
            walks_to,
            now=now,
            timezone=timezone,
        )
    situation.title = title
    situation.dated_on = dated_on
    situation.summary = summary
    situation.sources = cleaned
    situation.walks_from = walks_from
    situation.walks_to = walks_to
    is_new = situation.id is None
    if is_new:
        situation.created_by_id = actor.id
        situation.created_at = now
    situation.updated_at = now
    db.add(situation)
    db.flush()
    # Who wrote or changed the lägesbild a promise rests on, and when.
    record_event(
        db,
        actor,
        SubjectType.SITUATION_REPORT,
        situation.id,
        EventKind.CREATED if is_new else EventKind.UPDATED,
        at=now,
    )
    return situation


def _day_bounds(first: date, last: date, timezone: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(timezone)
    return (
        datetime.combine(first, time(), tzinfo=zone).astimezone(UTC),
        datetime.combine(last + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC),
    )


def _ranked(counter: Counter) -> list:
    return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))


def walk_figures(
    db: Session,
    municipality_id: int,
    walks_from: date,
    walks_to: date,
    *,
    now: datetime,
    timezone: str,
) -> dict:
    """What the municipality's walks of these days found, as JSON to freeze in the lägesbild.

    Observations of walks held in the span (local days), the municipality's own, without
    duplicates; counts only, never a note or a person. Light is the walk's: its leader records
    whether it was walked in daylight, at dusk or in the dark.
    """
    since, until = _day_bounds(walks_from, walks_to, timezone)
    walks = db.scalars(
        select(Walk).where(
            Walk.municipality_id == municipality_id,
            Walk.status.in_(HELD_WALK_STATUSES),
            Walk.starts_at >= since,
            Walk.starts_at < until,
        )
    ).all()
    walk_ids = [walk.id for walk in walks]
    rows = (
        db.execute(
            select(
                Observation.category_code,
                Observation.polarity,
                Walk.light_conditions,
                Locality.name,
            )
            .join(Walk, Walk.id == Observation.walk_id)
            .outerjoin(Locality, Locality.id == Walk.locality_id)
            .where(
                Observation.walk_id.in_(walk_ids),
                Observation.municipality_id == municipality_id,
                Observation.status != ObservationStatus.DUPLICATE,
                Observation.duplicate_of_id.is_(None),
            )
        ).all()
        if walk_ids
        else []
    )
    by_category = Counter(row[0] for row in rows)
    categories = {
        category.code: category
        for category in db.scalars(select(Category).where(Category.code.in_(list(by_category))))
    }
    by_locality = Counter(row[3] or "" for row in rows)
    by_light = Counter(str(row[2]) for row in rows)
    return {
        "computed_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "walks": len(walks),
        "observations": len(rows),
        "safe_places": sum(1 for row in rows if row[1] == Polarity.POSITIVE),
        # Both labels are frozen with the count: a category renamed later changes nothing here.
        "by_category": [
            {
                "code": code,
                "label_sv": categories[code].label_sv if code in categories else code,
                "label_en": categories[code].label_en if code in categories else code,
                "count": count,
            }
            for code, count in _ranked(by_category)
        ],
        # "" is a walk tied to no locality (the municipality as a whole).
        "by_locality": [{"name": name, "count": count} for name, count in _ranked(by_locality)],
        "by_light": [{"light": light, "count": count} for light, count in _ranked(by_light)],
    }
