"""The demo's follow-up story: lägesbilder, activities and follow-ups published when they were."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import select

from walkapp.auth.models import User
from walkapp.demo.context import STOCKHOLM, Demo, at_hour, current_title
from walkapp.demo.story import (
    ACTIVITIES,
    CURRENT_NARRATIVE,
    CURRENT_TEXTS,
    FOLLOW_UPS,
    SIGNATORIES,
    SITUATIONS,
)
from walkapp.promises.activities import ActivityValues, log_activity
from walkapp.promises.models import (
    Activity,
    ActivityKind,
    Promise,
    Responsible,
    SituationReport,
    SourceKind,
)
from walkapp.promises.periods import find_period, regular_periods
from walkapp.promises.services import PromiseValues, save_promise
from walkapp.promises.situations import Source, save_situation_report
from walkapp.reports.models import FollowUpStatus
from walkapp.reports.services import (
    CommitmentTexts,
    approve_follow_up,
    ensure_follow_up,
    find_follow_up,
    publish_follow_up,
    save_follow_up_texts,
    submit_follow_up,
)


def _signatory(demo: Demo, slug: str, side: str) -> User:
    return demo.users[SIGNATORIES[slug][side]]


def _resolve_day(text, today: date) -> date:
    """A date, or "CURRENT-01-19" (this year) or "PREVIOUS-12-31" (last year)."""
    if isinstance(text, date):
        return text
    year, rest = text.split("-", 1)
    year = {"CURRENT": today.year, "PREVIOUS": today.year - 1}.get(year, year)
    return date.fromisoformat(f"{int(year):04d}-{rest}")


# ---------- lägesbilder ----------


def seed_situations(demo: Demo) -> dict[str, SituationReport]:
    """Each lägesbild once (by title), by the chief, dated when it was; walks counted as of then."""
    by_key = {}
    for spec in SITUATIONS:
        municipality = demo.municipalities[spec["municipality"]]
        title = spec["title"].replace("CURRENT", str(demo.today.year))
        situation = demo.one(SituationReport, municipality_id=municipality.id, title=title)
        if situation is None:
            dated_on = _resolve_day(spec["dated_on"], demo.today)
            walks = spec["walks"]
            situation = save_situation_report(
                demo.db,
                _signatory(demo, spec["municipality"], "municipality"),
                SituationReport(municipality_id=municipality.id),
                title=title,
                dated_on=dated_on,
                summary=spec["summary"],
                sources=tuple(Source(SourceKind(kind), text) for kind, text in spec["sources"]),
                walks_from=_resolve_day(walks[0], demo.today) if walks else None,
                walks_to=_resolve_day(walks[1], demo.today) if walks else None,
                now=at_hour(dated_on),
                timezone=demo.timezone,
            )
        by_key[spec["key"]] = situation
    return by_key


def link_situations(demo: Demo, promise_specs: list[dict], situations: dict) -> None:
    """Each promise refers to the lägesbild it was built on (after the walks it may count)."""
    for spec in promise_specs:
        municipality = demo.municipalities[spec["municipality"]]
        promise = demo.one(Promise, municipality_id=municipality.id, title=spec["title"])
        if promise.situation_report_id is None and spec.get("situation_report"):
            save_promise(
                demo.db,
                demo.chief(municipality.id),
                promise,
                replace(
                    PromiseValues.of(promise), situation_report=situations[spec["situation_report"]]
                ),
            )


# ---------- activities ----------


def seed_activities(demo: Demo) -> None:
    """The seed pages' activities through the activity service, logged the evening they were
    done: a report published later counts them, one published before does not."""
    db = demo.db
    today = demo.today
    logged = set(db.execute(select(Activity.municipality_id, Activity.done_on, Activity.note)))
    for title, rows in ACTIVITIES.items():
        if title == "CURRENT":
            title = current_title(today.year)
        promise = db.scalar(select(Promise).where(Promise.title == title))
        slug = promise.municipality.slug
        by_position = {c.position: c for c in promise.commitments}
        for done_on, kind, count, quantity, note, positions, side in rows:
            if isinstance(done_on, tuple):
                done_on = date(today.year, *done_on)
            # This year's activities still to come are not logged yet; the rest only once.
            if done_on > today or (promise.municipality_id, done_on, note) in logged:
                continue
            log_activity(
                db,
                _signatory(demo, slug, side),
                promise.municipality_id,
                ActivityValues(
                    kind=ActivityKind(kind),
                    done_on=done_on,
                    count=count,
                    quantity=quantity,
                    note=note,
                    commitments=tuple(by_position[position] for position in positions),
                ),
                today=today,
                now=at_hour(done_on, 20),
            )


# ---------- follow-ups ----------


def _texts_by_side(promise: Promise, texts: dict, written_by: str) -> dict[str, dict]:
    """Who writes which commitment's text: the police's summary is all theirs."""
    sides: dict[str, dict] = {"police": {}, "municipality": {}}
    for commitment in promise.commitments:
        entry = texts.get(commitment.position)
        if entry is None:
            continue
        police = written_by == "police" or commitment.responsible == Responsible.POLICE
        sides["police" if police else "municipality"][commitment.id] = CommitmentTexts(*entry)
    return sides


def _write_and_publish(demo: Demo, promise, period, spec, *, written, published) -> None:
    """Write the texts (each side its own), then submit, approve and publish when it was."""
    db = demo.db
    slug = promise.municipality.slug
    chief = _signatory(demo, slug, "municipality")
    police = _signatory(demo, slug, "police")
    first_writer = police if spec["written_by"] == "police" else chief
    follow_up = ensure_follow_up(db, first_writer, promise, period, now=written)
    sides = _texts_by_side(promise, spec["texts"], spec["written_by"])
    for step, (side, writer) in enumerate((("police", police), ("municipality", chief))):
        if sides[side] or writer is first_writer:
            save_follow_up_texts(
                db,
                writer,
                follow_up,
                narrative=spec["narrative"],
                texts=sides[side],
                now=written + timedelta(days=step),
            )
    if published is None:
        return
    submit_follow_up(db, first_writer, follow_up, now=published - timedelta(days=4))
    approve_follow_up(db, chief, follow_up, now=published - timedelta(days=3))
    approve_follow_up(db, police, follow_up, now=published - timedelta(days=2))
    publish_follow_up(db, first_writer, follow_up, now=published, timezone=demo.timezone)


def seed_follow_ups(demo: Demo) -> None:
    """Past periods published as they were; this year's due ones published, the current drafted."""
    db = demo.db
    for spec in FOLLOW_UPS:
        promise = db.scalar(select(Promise).where(Promise.title == spec["promise"]))
        period = find_period(promise, spec["period"])
        follow_up = find_follow_up(db, promise, period)
        if follow_up is not None and follow_up.status != FollowUpStatus.DRAFT:
            continue  # published already (or, in an older demo, marked so)
        published = datetime.fromisoformat(spec["published"]).replace(tzinfo=STOCKHOLM)
        _write_and_publish(
            demo, promise, period, spec, written=published - timedelta(days=6), published=published
        )
    promise = db.scalar(select(Promise).where(Promise.title == current_title(demo.today.year)))
    spec = {"written_by": "both", "narrative": CURRENT_NARRATIVE, "texts": CURRENT_TEXTS}
    for period in regular_periods(promise):
        if period.starts_on > demo.today or find_follow_up(db, promise, period) is not None:
            continue
        # Published two days before it is due, at ten in the morning.
        published = at_hour(period.ends_on + timedelta(days=promise.report_due_days - 2))
        if published <= demo.now:
            _write_and_publish(
                demo,
                promise,
                period,
                spec,
                written=published - timedelta(days=6),
                published=published,
            )
            continue
        # The tertial under way: the chief has begun; the police's commitments are still empty.
        chiefs = {
            position: texts
            for position, texts in CURRENT_TEXTS.items()
            if promise.commitments[position - 1].responsible != Responsible.POLICE
        }
        _write_and_publish(
            demo,
            promise,
            period,
            {**spec, "texts": chiefs},
            written=demo.now - timedelta(days=3),
            published=None,
        )
