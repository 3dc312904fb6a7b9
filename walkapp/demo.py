"""seed-demo: the demo story turned into rows through the app's own services; safe to run twice."""

import io
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask
from PIL import Image, ImageDraw
from sqlalchemy import select

from walkapp.actions.models import (
    ACTION_NEEDS_PUBLIC_NOTE,
    ACTION_TRANSITIONS,
    Action,
    ActionStatus,
)
from walkapp.actions.services import actions_for
from walkapp.auth.models import User
from walkapp.auth.services import create_user
from walkapp.db import get_db
from walkapp.demo_reports import (
    current_title,
    link_situations,
    seed_activities,
    seed_follow_ups,
    seed_situations,
)
from walkapp.demo_story import (
    DEMO_PASSWORD,
    MUNICIPALITIES,
    PLACE_OWNERS,
    PROMISES,
    ROUTING,
    ROUTING_NOTE,
    USERS,
    WALKS,
    current_promise,
)
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import change_status, record_event
from walkapp.observations.models import (
    OBSERVATION_NEEDS_PUBLIC_NOTE,
    OBSERVATION_TRANSITIONS,
    Category,
    CheckVerdict,
    Observation,
    ObservationCheck,
    ObservationStatus,
)
from walkapp.observations.publication import approve_note, approve_photo
from walkapp.observations.services import personal_data_hints
from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.storage import get_storage
from walkapp.places.models import Locality, Municipality, Organisation
from walkapp.places.services import save_locality, save_organisation
from walkapp.promises.models import Agreement, Commitment, Promise
from walkapp.routing.queries import exact_rule
from walkapp.routing.services import set_routing_rule
from walkapp.walks.models import WALK_TRANSITIONS, Walk, WalkParticipant

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Observation client_uuids are derived from the story, so a second run finds the first run's rows.
DEMO_NAMESPACE = uuid.UUID("6f1d3c52-8a57-4e0e-9a3c-7d1f0f6c2b11")
PARTICIPANTS = [
    ("Anna", "resident"),
    ("Erik", "resident"),
    ("Kommunpolisen", "police"),
    ("Teknik- och servicekontoret", "municipality"),
    ("Fastighetsvärd", "property_owner"),
    ("Elev, åk 9", "youth"),
]
PUBLIC_REASONS = {
    "referred": "Vägen sköts av Trafikverket; synpunkten är överlämnad dit.",
    "long_term": "Ingår i den långsiktiga planeringen av området; följs upp i nästa års budget.",
    "no_action": "Platsen bedöms inte kräva åtgärd nu; belysningen uppfyller kommunens riktlinjer.",
    "rejected": "Gatan byggs om nästa år; ytan åtgärdas i samband med det.",
}
ACTION_PATHS = {
    "open": [],
    "planned": ["planned"],
    "in_progress": ["planned", "in_progress"],
    "done": ["planned", "in_progress", "done"],
    "verified": ["planned", "in_progress", "done", "verified"],
    "rejected": ["rejected"],
}


def _local(text: str) -> datetime:
    """'2017-04-25T19:00', 'TODAY-1T18:00' or 'YEAR-04-21T19:00' (this year) in Swedish time."""
    day, clock = text.rsplit("T", 1)
    if day.startswith("TODAY"):
        on = date.today() + timedelta(days=int(day[5:] or 0))
    elif day.startswith("YEAR"):
        on = date.fromisoformat(f"{date.today().year}{day[4:]}")
    else:
        on = date.fromisoformat(day)
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(on.year, on.month, on.day, hour, minute, tzinfo=STOCKHOLM)


def _demo_photo(note: str, dark: bool, seed: int) -> bytes:
    """A street-like picture made on the spot, so no photo is committed to the repository."""
    width, height = 800, 600
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = ((10, 18, 40), (40, 44, 60)) if dark else ((150, 190, 235), (210, 225, 240))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for i in range(5):
        x = 40 + i * 150 + (seed * 37 + i * 11) % 40
        h = 160 + (seed * 53 + i * 29) % 140
        draw.rectangle([x, 420 - h, x + 120, 420], fill=(70, 70, 80) if dark else (170, 120, 90))
    draw.rectangle([0, 420, width, height], fill=(45, 45, 50))
    draw.line([(620, 420), (620, 220)], fill=(30, 30, 30), width=8)
    draw.ellipse([595, 200, 645, 240], fill=(255, 230, 140) if seed % 2 else (60, 60, 60))
    draw.text((20, 560), note[:90], fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _one(db, model, **where):
    return db.scalar(select(model).filter_by(**where))


def _seed_places(db) -> dict[str, Municipality]:
    municipalities = {}
    for spec in MUNICIPALITIES:
        municipality = _one(db, Municipality, slug=spec["slug"])
        if municipality is None:
            lat, lon = spec["center"]
            municipality = Municipality(
                slug=spec["slug"],
                name=spec["name"],
                web_domain=spec["web_domain"],
                center_lat=lat,
                center_lon=lon,
                default_zoom=spec["zoom"],
                local_epsg=spec["local_epsg"],
                follow_up_kind=spec["follow_up_kind"],
            )
            db.add(municipality)
            db.flush()
        # Settings added after the first demos: filled in where an older demo left them empty.
        municipality.chief_title = municipality.chief_title or spec["chief_title"]
        municipality.police_area = municipality.police_area or spec["police_area"]
        for name, lat, lon in spec["localities"]:
            if _one(db, Locality, municipality_id=municipality.id, name=name) is None:
                save_locality(
                    db,
                    None,
                    None,
                    municipality=municipality,
                    name=name,
                    center_lat=lat,
                    center_lon=lon,
                )
        for name, kind, email in spec["organisations"]:
            organisation = _one(db, Organisation, municipality_id=municipality.id, name=name)
            if organisation is None:
                save_organisation(
                    db, None, None, municipality=municipality, name=name, kind=kind, email=email
                )
            elif not organisation.email:  # a demo seeded before every organisation had one
                organisation.email = email
        for title, starts_on, ends_on in spec["agreements"]:
            if _one(db, Agreement, municipality_id=municipality.id, title=title) is None:
                db.add(
                    Agreement(
                        municipality=municipality, title=title, starts_on=starts_on, ends_on=ends_on
                    )
                )
        municipalities[spec["slug"]] = municipality
    db.flush()
    return municipalities


def _seed_users(db, municipalities) -> dict[str, User]:
    users = {}
    for email, name, role, slug, organisation_name in USERS:
        user = _one(db, User, email=email)
        if user is None:
            municipality = municipalities.get(slug)
            organisation = (
                _one(db, Organisation, municipality_id=municipality.id, name=organisation_name)
                if organisation_name
                else None
            )
            user = create_user(
                db,
                None,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                municipality=municipality,
                organisation=organisation,
            )
        users[email] = user
    return users


def _seed_promises(db, municipalities, specs) -> None:
    for spec in specs:
        municipality = municipalities[spec["municipality"]]
        if _one(db, Promise, municipality_id=municipality.id, title=spec["title"]) is not None:
            continue
        agreement = (
            _one(db, Agreement, municipality_id=municipality.id, title=spec["agreement"])
            if spec["agreement"]
            else None
        )
        starts_on, ends_on = spec["period"]
        promise = Promise(
            municipality=municipality,
            agreement=agreement,
            title=spec["title"],
            starts_on=starts_on,
            ends_on=ends_on,
            situation_text=spec["situation"],
            focus_areas=spec["focus_areas"],
            signed_by=spec["signed_by"],
            signed_on=spec["signed_on"],
            follow_up_kind=spec["follow_up_kind"],
            period_start_month=spec["period_start_month"],
            report_due_days=spec["report_due_days"],
            contact=spec["contact"],
        )
        db.add(promise)
        for position, (text, responsible, kind, target, locality_name) in enumerate(
            spec["commitments"], start=1
        ):
            locality = (
                _one(db, Locality, municipality_id=municipality.id, name=locality_name)
                if locality_name
                else None
            )
            commitment = Commitment(
                promise=promise,
                position=position,
                text=text,
                responsible=responsible,
                activity_kind=kind,
                target_count=target,
                locality=locality,
            )
            db.add(commitment)
    db.flush()


def _advance(db, actor, subject, subject_type, path, transitions, needs_note, at, note=None):
    for step, status in enumerate(path):
        change_status(
            db,
            actor,
            subject,
            subject_type,
            status,
            transitions=transitions,
            needs_public_note=needs_note,
            public_note=note if status in needs_note else None,
            at=at + timedelta(days=3 * (step + 1)),
        )


def _seed_walk(db, spec, municipality, users, walks_by_title) -> Walk | None:
    starts_at = _local(spec["starts_at"])
    existing = _one(db, Walk, municipality_id=municipality.id, title=spec["title"])
    if existing is not None:
        return existing
    if spec["status"] != "planned" and starts_at > datetime.now(STOCKHOLM):
        return None  # this year's walk of a later month, when the demo is loaded early in a year
    chief = next(
        u
        for u in users.values()
        if u.municipality_id == municipality.id and u.role == "safety_chief"
    )
    leader = users.get("ledare@strangnas.example") if municipality.slug == "strangnas" else chief
    locality = _one(db, Locality, municipality_id=municipality.id, name=spec["locality"])
    walk = Walk(
        municipality=municipality,
        locality=locality,
        kind=spec["kind"],
        title=spec["title"],
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2) if spec["status"] != "planned" else None,
        light_conditions=spec["light"],
        weather_note=spec["weather"],
        leader=leader,
        repeat_of=walks_by_title.get(spec.get("repeat_of")),
        created_at=starts_at - timedelta(days=21),
    )
    for promise_title, position in spec["commitments"]:
        if promise_title == "CURRENT":
            promise_title = current_title(date.today().year)
        promise = _one(db, Promise, municipality_id=municipality.id, title=promise_title)
        walk.commitments.append(_one(db, Commitment, promise_id=promise.id, position=position))
    db.add(walk)
    db.flush()
    record_event(db, leader, SubjectType.WALK, walk.id, EventKind.CREATED, at=walk.created_at)
    if spec["status"] == "planned":
        return walk
    change_status(
        db, leader, walk, SubjectType.WALK, "active", transitions=WALK_TRANSITIONS, at=starts_at
    )
    # The demo's walk in progress keeps a fixed code that the README gives (no expiry).
    walk.join_code = spec.get("join_code")
    participants = []
    for index, (name, represents) in enumerate(PARTICIPANTS[: 3 + len(spec["observations"]) % 3]):
        participants.append(
            WalkParticipant(
                walk=walk,
                display_name=name,
                represents=represents,
                consent_given_at=starts_at + timedelta(minutes=index),
                joined_at=starts_at + timedelta(minutes=index),
            )
        )
    if spec.get("participant_user"):
        participant = users["deltagare@strangnas.example"]
        participants.append(
            WalkParticipant(
                walk=walk,
                user=participant,
                display_name=participant.name,
                represents="resident",
                consent_given_at=starts_at,
                wants_feedback=True,
                feedback_email=participant.email,
                joined_at=starts_at,
            )
        )
    db.add_all(participants)
    db.flush()
    for index, row in enumerate(spec["observations"]):
        _seed_observation(
            db, walk, participants[index % len(participants)], index, row, chief, users
        )
    if spec.get("checks"):
        _seed_checks(db, walk, participants[0], spec["checks"])
    if spec["status"] != "active":  # the walk in progress waits for review, as a real one would
        _publish_reviewed(db, walk, chief)
    if spec["status"] in {"closed", "followed_up"}:
        change_status(
            db,
            leader,
            walk,
            SubjectType.WALK,
            "closed",
            transitions=WALK_TRANSITIONS,
            at=walk.ends_at,
        )
    if spec["status"] == "followed_up":
        change_status(
            db,
            chief,
            walk,
            SubjectType.WALK,
            "followed_up",
            transitions=WALK_TRANSITIONS,
            at=starts_at + timedelta(days=120),
        )
    return walk


def _seed_checks(db, walk: Walk, participant: WalkParticipant, checks: dict) -> None:
    """A follow-up walk's look at the earlier walk's observations, as the field page records it:
    "fixed" confirms work reported done (the action becomes verified), the rest go to the chief."""
    for index, verdict in checks.items():
        earlier = _one(
            db,
            Observation,
            client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"{walk.repeat_of.title}/{index}"),
        )
        checked_at = walk.starts_at + timedelta(minutes=6 * (index + 1))
        db.add(
            ObservationCheck(
                observation_id=earlier.id,
                walk_id=walk.id,
                participant_id=participant.id,
                client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"{walk.title}/check/{index}"),
                verdict=verdict,
                checked_at=checked_at,
                received_at=checked_at + timedelta(seconds=15),
            )
        )
        record_event(
            db,
            None,
            SubjectType.OBSERVATION,
            earlier.id,
            EventKind.COMMENTED,
            participant_id=participant.id,
            internal_note=f"repeat walk #{walk.id}: {verdict}",
            at=checked_at,
        )
        if verdict != CheckVerdict.FIXED:
            continue
        done = [a for a in actions_for(db, earlier) if a.status == ActionStatus.DONE]
        for action in done:
            change_status(
                db,
                None,
                action,
                SubjectType.ACTION,
                ActionStatus.VERIFIED,
                transitions=ACTION_TRANSITIONS,
                internal_note=f"confirmed on repeat walk #{walk.id}",
                at=checked_at,
            )
        if done and earlier.status == ObservationStatus.FIXED:
            change_status(
                db,
                None,
                earlier,
                SubjectType.OBSERVATION,
                ObservationStatus.VERIFIED,
                transitions=OBSERVATION_TRANSITIONS,
                internal_note="follows from its actions",
                at=checked_at,
            )
    db.flush()


def _publish_reviewed(db, walk: Walk, chief: User) -> None:
    """What the chief has triaged was read too: its clean note and its photos are published the
    way the chief publishes them (flagged notes and untriaged observations keep waiting)."""
    reviewed_at = walk.starts_at + timedelta(days=2)
    for observation in db.scalars(
        select(Observation).where(
            Observation.walk_id == walk.id, Observation.status != ObservationStatus.RECEIVED
        )
    ):
        if observation.note and not observation.is_flagged:
            approve_note(db, chief, observation, reviewed_at)
        for photo in db.scalars(select(Photo).where(Photo.observation_id == observation.id)):
            if not observation.category.is_sensitive:
                approve_photo(db, get_storage(), chief, photo, [], reviewed_at)


def _seed_observation(db, walk, author, index, row, chief, users) -> None:
    code, lat, lon, note, severity, feeling, outcome, organisation_name = row
    client_uuid = uuid.uuid5(DEMO_NAMESPACE, f"{walk.title}/{index}")
    if _one(db, Observation, client_uuid=client_uuid) is not None:
        return
    category = db.get(Category, code)
    recorded_at = walk.starts_at + timedelta(minutes=8 * (index + 1))
    observation = Observation(
        municipality_id=walk.municipality_id,
        walk=walk,
        author=author,
        client_uuid=client_uuid,
        lat=lat,
        lon=lon,
        accuracy_m=[6.0, 12.0, 25.0, 9.0][index % 4],
        category=category,
        polarity=category.default_polarity,
        severity=severity,
        feeling=feeling,
        note=note,
        is_flagged=bool(personal_data_hints(note)),
        recorded_at=recorded_at,
        received_at=recorded_at + timedelta(seconds=20 + index * 7),
        place_owner=PLACE_OWNERS.get((walk.title, index)),
    )
    db.add(observation)
    db.flush()
    record_event(
        db,
        None,
        SubjectType.OBSERVATION,
        observation.id,
        EventKind.CREATED,
        participant_id=author.id,
        at=observation.received_at,
    )
    if severity >= 2 or index % 2 == 0:
        store_photo(
            db,
            get_storage(),
            _demo_photo(note, walk.light_conditions != "daylight", observation.id),
            kind=PhotoKind.BEFORE,
            observation_id=observation.id,
        )
    if outcome == "received":
        return

    def observe(actor, statuses, at, note=None):
        _advance(
            db,
            actor,
            observation,
            SubjectType.OBSERVATION,
            statuses,
            OBSERVATION_TRANSITIONS,
            OBSERVATION_NEEDS_PUBLIC_NOTE,
            at,
            note=note,
        )

    day = walk.starts_at + timedelta(days=2)
    observe(chief, ["triaged"], day)
    if outcome in {"referred", "long_term", "no_action"}:
        observe(chief, [outcome], day, note=PUBLIC_REASONS[outcome])
    if outcome not in ACTION_PATHS:
        return
    organisation = _one(
        db, Organisation, municipality_id=walk.municipality_id, name=organisation_name
    )
    handler = next((u for u in users.values() if u.organisation_id == organisation.id), chief)
    created_at = day + timedelta(days=4)
    action = Action(
        municipality_id=walk.municipality_id,
        organisation=organisation,
        assignee=handler if handler is not chief else None,
        created_by_id=chief.id,
        title=f"{category.label_sv}: {note.split(',')[0].rstrip('.')}"[:200],
        description=note,
        priority={3: "high", 2: "normal", 1: "low"}[severity],
        due_on=(created_at + timedelta(days=60)).date(),
        planned_on=(created_at + timedelta(days=20)).date() if outcome != "open" else None,
        created_at=created_at,
    )
    action.observations.append(observation)
    db.add(action)
    db.flush()
    record_event(db, chief, SubjectType.ACTION, action.id, EventKind.CREATED, at=created_at)
    observe(chief, ["action_planned"], created_at)
    done_note = "Åtgärdat: " + note[0].lower() + note[1:]
    _advance(
        db,
        handler,
        action,
        SubjectType.ACTION,
        ACTION_PATHS[outcome],
        ACTION_TRANSITIONS,
        ACTION_NEEDS_PUBLIC_NOTE,
        created_at,
        note=PUBLIC_REASONS["rejected"] if outcome == "rejected" else done_note,
    )
    if outcome in {"done", "verified"}:
        action.closed_at = created_at + timedelta(days=9)
        observe(handler, ["fixed"], created_at + timedelta(days=6))
    if outcome == "verified":
        observe(chief, ["verified"], created_at + timedelta(days=30))
    if outcome == "rejected":
        observe(chief, ["triaged", "no_action"], created_at, note=PUBLIC_REASONS["rejected"])


def _seed_routing(db, municipalities) -> None:
    """The municipalities' division of responsibility; a rule already there is left as it is."""
    for slug, rules in ROUTING.items():
        municipality = municipalities[slug]
        for code, owner, organisation_name in rules:
            if exact_rule(db, municipality.id, code, owner) is not None:
                continue
            organisation = _one(
                db, Organisation, municipality_id=municipality.id, name=organisation_name
            )
            set_routing_rule(
                db, None, municipality, db.get(Category, code), owner, organisation, ROUTING_NOTE
            )


def seed_demo(app: Flask) -> list[str]:
    """Create whatever of the demo story is missing and commit; returns a short summary."""
    db = get_db()
    timezone = app.config["BABEL_DEFAULT_TIMEZONE"]
    now = datetime.now(STOCKHOLM)
    today = now.date()
    municipalities = _seed_places(db)
    users = _seed_users(db, municipalities)
    promises = PROMISES + [current_promise(today.year)]
    _seed_promises(db, municipalities, promises)
    _seed_routing(db, municipalities)
    walks_by_title: dict[str, Walk] = {}
    for spec in WALKS:
        walk = _seed_walk(db, spec, municipalities[spec["municipality"]], users, walks_by_title)
        walks_by_title[spec["title"]] = walk
    situations = seed_situations(db, municipalities, users, today=today, timezone=timezone)
    link_situations(db, promises, municipalities, situations)
    seed_activities(db, municipalities, users, today=today)
    seed_follow_ups(db, users, today=today, now=now, timezone=timezone)
    db.commit()
    counts = {
        model.__name__: db.query(model).count()
        for model in (Municipality, User, Promise, Walk, Observation, Action)
    }
    return [f"{name}: {count}" for name, count in counts.items()] + [
        f"Demo users (password {DEMO_PASSWORD}): " + ", ".join(email for email, *_ in USERS)
    ]
