"""The one scoping rule: which rows each actor may read, as SQL conditions every query applies.

- A national admin (an admin without a municipality) reads every municipality.
- A police area officer reads, and never writes, the rows of every municipality of its police
  area (lokalpolisområde), as the kommunpolis reads its own municipality's.
- Walk leaders, safety chiefs, the kommunpolis (police coordinator) and admins of a municipality
  read that municipality's rows.
- A handler reads what its organisation is linked to: its organisation's actions, the observations
  linked to them, those observations' photos and its own actions' after-photos; of the rest of the
  municipality only the shared frame (promises, localities, organisations, categories).
- A participant reads its own observations and their photos (by account, or by the walks joined on
  this device), and the shared frame of its municipality: activities as counts, never their notes.
- Anyone else reads nothing here (public pages have their own queries of published rows).

"The actor's municipalities" below is that set: one, those of a police area, or all. Writing is
decided by each service (role and municipality), never by this module: reading a row is not
being allowed to change it.
"""

from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from walkapp.actions.models import Action, action_observations
from walkapp.auth.models import Role
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo
from walkapp.places.models import Municipality
from walkapp.walks.models import Walk, WalkParticipant

# Staff who read every row of their municipalities; the kommunpolis (police coordinator) reads
# what the safety chief reads: the follow-ups are written by both sides. The police area officer
# reads the same across its area.
MUNICIPAL_STAFF = frozenset(
    {Role.WALK_LEADER, Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN, Role.POLICE_AREA}
)


def _role(actor) -> Role | None:
    return actor.role if actor is not None and actor.is_authenticated else None


def is_national(actor) -> bool:
    return _role(actor) is not None and actor.is_global_admin


def municipal(actor, column) -> ColumnElement[bool]:
    """The actor's municipalities (every one for a national admin, none for the anonymous)."""
    role = _role(actor)
    if role is None:
        return false()
    if actor.is_global_admin:
        return true()
    if role == Role.POLICE_AREA:
        if actor.police_area_id is None:
            return false()
        area = select(Municipality.id).where(Municipality.police_area_id == actor.police_area_id)
        return column.in_(area)
    return column == actor.municipality_id


def sees_municipality(actor, municipality_id: int | None) -> bool:
    """The same rule for one municipality id (a police area: its municipalities, loaded once)."""
    role = _role(actor)
    if role is None or (municipality_id is None and not actor.is_global_admin):
        return False
    if actor.is_global_admin:
        return True
    if role == Role.POLICE_AREA:
        area = actor.police_area
        return area is not None and any(m.id == municipality_id for m in area.municipalities)
    return municipality_id == actor.municipality_id


def actions(actor) -> ColumnElement[bool]:
    """Staff: the municipality's actions; a handler: its own organisation's; nobody else any."""
    role = _role(actor)
    if role == Role.HANDLER:
        return and_(
            Action.municipality_id == actor.municipality_id,
            Action.organisation_id == actor.organisation_id,
        )
    if role in MUNICIPAL_STAFF:
        return municipal(actor, Action.municipality_id)
    return false()


def _own_observations(actor, participant_ids: Collection[int]) -> ColumnElement[bool]:
    """What a participant sent: by the walks joined on this device, or by its account."""
    own = [Observation.author_id.in_(list(participant_ids))] if participant_ids else []
    if _role(actor) is not None:
        mine = select(WalkParticipant.id).where(WalkParticipant.user_id == actor.id)
        own.append(Observation.author_id.in_(mine))
    return or_(false(), *own)


def observations(actor, participant_ids: Collection[int] = ()) -> ColumnElement[bool]:
    """Staff: the municipality's; a handler: those linked to its actions; a participant: its own."""
    role = _role(actor)
    if role in MUNICIPAL_STAFF:
        return or_(
            municipal(actor, Observation.municipality_id),
            _own_observations(actor, participant_ids),
        )
    if role == Role.HANDLER:
        linked = (
            select(action_observations.c.observation_id)
            .join(Action, Action.id == action_observations.c.action_id)
            .where(actions(actor))
        )
        return or_(Observation.id.in_(linked), _own_observations(actor, participant_ids))
    return _own_observations(actor, participant_ids)


def photos(actor, participant_ids: Collection[int] = ()) -> ColumnElement[bool]:
    """The photos of the observations and actions the actor may read, nothing else."""
    return or_(
        Photo.observation_id.in_(
            select(Observation.id).where(observations(actor, participant_ids))
        ),
        Photo.action_id.in_(select(Action.id).where(actions(actor))),
    )


def walks(actor) -> ColumnElement[bool]:
    """Walks are planned by the municipality's staff; handlers and participants use other pages."""
    if _role(actor) in MUNICIPAL_STAFF:
        return municipal(actor, Walk.municipality_id)
    return false()


def reads_activity_notes(actor) -> bool:
    """Activities are counted for everyone; their notes are the staff's working notes only."""
    return _role(actor) in MUNICIPAL_STAFF | {Role.HANDLER}


def rule_for(actor, model, participant_ids: Collection[int] = ()) -> ColumnElement[bool]:
    """The condition on rows of this model: its own rule, or the municipality for the frame."""
    if model is Observation:
        return observations(actor, participant_ids)
    if model is Action:
        return actions(actor)
    if model is Photo:
        return photos(actor, participant_ids)
    if model is Walk:
        return walks(actor)
    return municipal(actor, model.municipality_id)


def get_scoped(db, actor, model, object_id, participant_ids: Collection[int] = ()):
    """One row the actor may read, or None: "not yours" and "not there" look the same."""
    if not isinstance(object_id, int) or isinstance(object_id, bool):
        return None
    return db.scalar(
        select(model).where(model.id == object_id, rule_for(actor, model, participant_ids))
    )
