"""Services for organisations and localities within a municipality."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import Conflict, DomainError, Forbidden
from walkapp.places.models import (
    Locality,
    Municipality,
    Organisation,
    OrganisationKind,
    PoliceArea,
)
from walkapp.security import in_scope


def _check_municipality(actor: User | None, municipality: Municipality | None) -> None:
    if municipality is None:
        raise DomainError(_l("Choose a municipality."))
    # The administrators' work: the police area officer reads these municipalities, no more.
    if actor is not None and actor.role != Role.ADMIN:
        raise Forbidden(_l("You can only manage your own municipality."))
    if actor is not None and not in_scope(actor, municipality.id):
        raise Forbidden(_l("You can only manage your own municipality."))


def _check_position(lat: float, lon: float) -> None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DomainError(_l("The position is outside the map (latitude ±90, longitude ±180)."))


def save_organisation(
    db: Session,
    actor: User | None,
    organisation: Organisation | None,
    *,
    municipality: Municipality | None,
    name: str,
    kind: OrganisationKind | str,
    email: str | None = None,
    is_active: bool = True,
) -> Organisation:
    """Create an organisation (organisation None) or update one."""
    _check_municipality(actor, municipality)
    try:
        kind = OrganisationKind(kind)
    except ValueError:
        raise DomainError(_l("Unknown kind of organisation.")) from None
    name = name.strip()
    clash = db.scalar(
        select(Organisation).where(
            Organisation.municipality_id == municipality.id, Organisation.name == name
        )
    )
    if clash is not None and clash is not organisation:
        raise Conflict(_l("The municipality already has an organisation with this name."))
    if organisation is None:
        organisation = Organisation()
        db.add(organisation)
    organisation.municipality = municipality
    organisation.name = name
    organisation.kind = kind
    organisation.email = (email or "").strip().lower() or None
    organisation.is_active = is_active
    db.flush()
    return organisation


def save_locality(
    db: Session,
    actor: User | None,
    locality: Locality | None,
    *,
    municipality: Municipality | None,
    name: str,
    center_lat: float,
    center_lon: float,
) -> Locality:
    """Create a locality (locality None) or update one."""
    _check_municipality(actor, municipality)
    _check_position(center_lat, center_lon)
    name = name.strip()
    clash = db.scalar(
        select(Locality).where(Locality.municipality_id == municipality.id, Locality.name == name)
    )
    if clash is not None and clash is not locality:
        raise Conflict(_l("The municipality already has a locality with this name."))
    if locality is None:
        locality = Locality()
        db.add(locality)
    locality.municipality = municipality
    locality.name = name
    locality.center_lat = center_lat
    locality.center_lon = center_lon
    db.flush()
    return locality


def create_municipality(
    db: Session,
    actor: User | None,
    *,
    slug: str,
    name: str,
    web_domain: str | None,
    center_lat: float,
    center_lon: float,
    default_zoom: int,
    local_epsg: int,
    follow_up_kind: str,
) -> Municipality:
    """A new municipality; a national administrator's, or the command line's (actor None)."""
    if actor is not None and not actor.is_global_admin:
        raise Forbidden(_l("Only a national administrator adds municipalities."))
    _check_position(center_lat, center_lon)
    slug, name = slug.strip(), name.strip()
    if not slug or not name:
        raise DomainError(_l("Give the municipality a name and a short name for addresses."))
    clash = db.scalar(
        select(Municipality).where((Municipality.slug == slug) | (Municipality.name == name))
    )
    if clash is not None:
        raise Conflict(_l("There is already a municipality with this name."))
    municipality = Municipality(
        slug=slug,
        name=name,
        web_domain=web_domain,
        center_lat=center_lat,
        center_lon=center_lon,
        default_zoom=default_zoom,
        local_epsg=local_epsg,
        follow_up_kind=follow_up_kind,
    )
    db.add(municipality)
    db.flush()
    return municipality


def find_municipality(db: Session, name_or_slug: str) -> Municipality | None:
    return db.scalar(
        select(Municipality).where(
            (Municipality.name == name_or_slug) | (Municipality.slug == name_or_slug)
        )
    )


MAX_CHIEF_TITLE = 60
MAX_POLICE_AREA = 120


def save_cooperation(
    db: Session,
    actor: User,
    municipality: Municipality,
    *,
    chief_title: str,
    police_area: str,
) -> Municipality:
    """What the municipality calls its safety chief, and the police area it works with.

    The safety chief or an administrator of the municipality sets them; empty: the role's name.
    The officers of the police area then read (never change) the municipality's rows.
    """
    if actor.role not in (Role.SAFETY_CHIEF, Role.ADMIN) or not in_scope(actor, municipality.id):
        raise Forbidden(_l("Only the safety chief or an administrator changes these settings."))
    chief_title, police_area = (chief_title or "").strip(), (police_area or "").strip()
    if len(chief_title) > MAX_CHIEF_TITLE:
        raise DomainError(
            _l("The title is too long (at most %(max)d characters).", max=MAX_CHIEF_TITLE)
        )
    if len(police_area) > MAX_POLICE_AREA:
        raise DomainError(
            _l("The police area is too long (at most %(max)d characters).", max=MAX_POLICE_AREA)
        )
    municipality.chief_title = chief_title or None
    municipality.police_area = police_area_named(db, police_area)
    db.flush()
    return municipality


def police_area_named(db: Session, name: str) -> PoliceArea | None:
    """The police area of this name, made if it is new; None for no name.

    Case and spacing aside, one name is one area: municipalities that write the same name share
    it, and its officers read all of them.
    """
    name = " ".join((name or "").split())
    if not name:
        return None
    if len(name) > MAX_POLICE_AREA:
        raise DomainError(
            _l("The police area is too long (at most %(max)d characters).", max=MAX_POLICE_AREA)
        )
    area = find_police_area(db, name)
    if area is None:
        area = PoliceArea(name=name)
        db.add(area)
        db.flush()
    return area


def find_police_area(db: Session, name: str) -> PoliceArea | None:
    """The police area of this name, case and spacing aside (there are few: compared here, as
    SQLite's lower() leaves å, ä and ö as they are)."""
    wanted = " ".join((name or "").split()).casefold()
    for area in db.scalars(select(PoliceArea).order_by(PoliceArea.id)):
        if area.name.casefold() == wanted:
            return area
    return None
