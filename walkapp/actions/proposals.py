"""A proposed action: the owner by the municipality's routing rules, priority and due date from
the settings; the chief changes what they like before creating it."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.actions.models import Priority
from walkapp.actions.services import TITLE_MAX_LENGTH, check_observations
from walkapp.auth.models import User
from walkapp.observations.models import Observation
from walkapp.places.models import Organisation
from walkapp.routing import queries as routing_queries
from walkapp.routing.models import RoutingRule

# The reason shown with a proposal whose rule has no note of its own.
DEFAULT_ROUTING_NOTE = _l("according to the municipality's division of responsibility")


@dataclass(frozen=True)
class ActionProposal:
    """What the form starts with; the chief may change every part."""

    organisation: Organisation | None
    priority: Priority
    due_on: date
    title: str
    # Why that organisation ("Belysning saknas/trasig → Teknik- och servicekontoret enligt
    # kommunens ansvarsfördelning"), and the categories no rule routes (the chief chooses).
    reason: str = ""
    unrouted: tuple[str, ...] = ()


def propose_action(
    db: Session,
    actor: User,
    observations: list[Observation],
    today: date,
    *,
    priority_by_severity: dict[int, str],
    due_days: dict[str, int],
    locale: str,
) -> ActionProposal:
    """The owner by the municipality's routing rules; priority and due date from the settings.

    Each observation routes by its category and the owner of its place; the organisation most
    observations route to wins, ties going to the most severe observation, then to the oldest
    rule. Never by name: without a rule nobody is proposed and the chief chooses.
    """
    municipality_id = check_observations(actor, observations)
    routed: dict[int, list[tuple[Observation, RoutingRule]]] = {}
    unrouted: list[str] = []
    for observation in observations:
        rule = routing_queries.rule_for(
            db, municipality_id, observation.category_code, observation.place_owner
        )
        if rule is None or not rule.organisation.is_active:
            unrouted.append(observation.category.label(locale))
        else:
            routed.setdefault(rule.organisation_id, []).append((observation, rule))
    organisation, reason = None, ""
    if routed:
        pairs = min(
            routed.values(),
            key=lambda p: (-len(p), -max(o.severity for o, _r in p), min(r.id for _o, r in p)),
        )
        pairs.sort(key=lambda pair: (-pair[0].severity, pair[1].id))
        rule = pairs[0][1]
        organisation = rule.organisation
        reason = _l(
            "%(categories)s → %(organisation)s %(note)s",
            categories=", ".join(dict.fromkeys(o.category.label(locale) for o, _r in pairs)),
            organisation=organisation.name,
            note=rule.note or DEFAULT_ROUTING_NOTE,
        )
    severity = max(observation.severity for observation in observations)
    priority = Priority(priority_by_severity.get(severity, Priority.NORMAL))
    categories = list(dict.fromkeys(o.category.label(locale) for o in observations))
    return ActionProposal(
        organisation=organisation,
        priority=priority,
        due_on=today + timedelta(days=due_days[priority.value]),
        title=", ".join(categories)[:TITLE_MAX_LENGTH],
        reason=reason,
        unrouted=tuple(dict.fromkeys(unrouted)),
    )
