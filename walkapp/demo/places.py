"""The demo's municipalities, accounts, promises and routing rules, made by their services."""

from walkapp.auth.models import Role, User
from walkapp.auth.services import create_user
from walkapp.demo.context import Demo
from walkapp.demo.story import DEMO_PASSWORD, MUNICIPALITIES, ROUTING, ROUTING_NOTE, USERS
from walkapp.observations.models import Category
from walkapp.places.models import FollowUpKind, Locality, Municipality, Organisation
from walkapp.places.services import (
    create_municipality,
    find_police_area,
    save_cooperation,
    save_locality,
    save_organisation,
)
from walkapp.promises.models import Agreement, Promise
from walkapp.promises.services import (
    AgreementValues,
    PromiseValues,
    save_agreement,
    save_commitment,
    save_promise,
)
from walkapp.routing.queries import exact_rule
from walkapp.routing.services import set_routing_rule


def seed_places(demo: Demo) -> None:
    """Municipalities with their localities and organisations (actor None: the command line)."""
    db = demo.db
    for spec in MUNICIPALITIES:
        municipality = demo.one(Municipality, slug=spec["slug"])
        if municipality is None:
            lat, lon = spec["center"]
            municipality = create_municipality(
                db,
                None,
                slug=spec["slug"],
                name=spec["name"],
                web_domain=spec["web_domain"],
                center_lat=lat,
                center_lon=lon,
                default_zoom=spec["zoom"],
                local_epsg=spec["local_epsg"],
                follow_up_kind=spec["follow_up_kind"],
            )
        for name, lat, lon in spec["localities"]:
            if demo.one(Locality, municipality_id=municipality.id, name=name) is None:
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
            organisation = demo.one(Organisation, municipality_id=municipality.id, name=name)
            # A demo seeded before every organisation had an address gets one.
            if organisation is None or not organisation.email:
                save_organisation(
                    db,
                    None,
                    organisation,
                    municipality=municipality,
                    name=name,
                    kind=kind,
                    email=email,
                )
        demo.municipalities[spec["slug"]] = municipality


def seed_users(demo: Demo) -> None:
    """One account per role (password DEMO_PASSWORD), then the chiefs' own settings, then the
    police area officers (whose areas those settings name)."""
    for email, name, role, slug, organisation_name in USERS:
        user = demo.one(User, email=email)
        if user is None and role == Role.POLICE_AREA:
            continue
        if user is None:
            municipality = demo.municipalities.get(slug)
            organisation = (
                demo.one(Organisation, municipality_id=municipality.id, name=organisation_name)
                if organisation_name
                else None
            )
            user = create_user(
                demo.db,
                None,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                municipality=municipality,
                organisation=organisation,
                rules=demo.password_rules,
            )
        demo.users[email] = user
    for spec in MUNICIPALITIES:
        municipality = demo.municipalities[spec["slug"]]
        # Settings added after the first demos: filled in where an older demo left them empty.
        if not (municipality.chief_title and municipality.police_area):
            save_cooperation(
                demo.db,
                demo.chief(municipality.id),
                municipality,
                chief_title=municipality.chief_title or spec["chief_title"],
                police_area=str(municipality.police_area or spec["police_area"]),
            )
    for email, name, role, _slug, area_name in USERS:
        if role == Role.POLICE_AREA and email not in demo.users:
            demo.users[email] = create_user(
                demo.db,
                None,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                police_area=find_police_area(demo.db, area_name),
                rules=demo.password_rules,
            )


def seed_promises(demo: Demo, specs: list[dict]) -> None:
    """The agreements, and each promise with its commitments, as the chief enters them."""
    db = demo.db
    for spec in MUNICIPALITIES:
        municipality = demo.municipalities[spec["slug"]]
        for title, starts_on, ends_on in spec["agreements"]:
            if demo.one(Agreement, municipality_id=municipality.id, title=title) is None:
                save_agreement(
                    db,
                    demo.chief(municipality.id),
                    Agreement(municipality_id=municipality.id),
                    AgreementValues(title=title, starts_on=starts_on, ends_on=ends_on),
                )
    for spec in specs:
        municipality = demo.municipalities[spec["municipality"]]
        if demo.one(Promise, municipality_id=municipality.id, title=spec["title"]) is not None:
            continue
        chief = demo.chief(municipality.id)
        starts_on, ends_on = spec["period"]
        promise = save_promise(
            db,
            chief,
            Promise(municipality_id=municipality.id),
            PromiseValues(
                agreement=(
                    demo.one(Agreement, municipality_id=municipality.id, title=spec["agreement"])
                    if spec["agreement"]
                    else None
                ),
                title=spec["title"],
                starts_on=starts_on,
                ends_on=ends_on,
                situation_report=None,  # linked once the walks it counts are in (reports.py)
                situation_text=spec["situation"],
                focus_areas=tuple(spec["focus_areas"]),
                signed_by=spec["signed_by"],
                signed_on=spec["signed_on"],
                follow_up_kind=FollowUpKind(spec["follow_up_kind"]),
                period_start_month=spec["period_start_month"],
                report_due_days=spec["report_due_days"],
                contact=spec["contact"],
            ),
        )
        for text, responsible, kind, target, locality_name in spec["commitments"]:
            save_commitment(
                db,
                chief,
                promise,
                None,
                text=text,
                responsible=responsible,
                activity_kind=kind,
                target_count=target,
                locality=(
                    demo.one(Locality, municipality_id=municipality.id, name=locality_name)
                    if locality_name
                    else None
                ),
            )


def seed_routing(demo: Demo) -> None:
    """The municipalities' division of responsibility; a rule already there is left as it is."""
    db = demo.db
    for slug, rules in ROUTING.items():
        municipality = demo.municipalities[slug]
        for code, owner, organisation_name in rules:
            if exact_rule(db, municipality.id, code, owner) is not None:
                continue
            organisation = demo.one(
                Organisation, municipality_id=municipality.id, name=organisation_name
            )
            set_routing_rule(
                db, None, municipality, db.get(Category, code), owner, organisation, ROUTING_NOTE
            )
