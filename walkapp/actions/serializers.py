"""An action as data: one serializer, and the shapes each reader gets cut from it."""

from datetime import date

from walkapp.actions.models import Action
from walkapp.observations import serializers as observation_serializers


def as_dict(action: Action) -> dict:
    """Every field any reader may get; the shapes below pick from it, so none drifts."""
    return {
        "id": action.id,
        "title": action.title,
        "organisation": action.organisation.name,
        "status": action.status.value,
        "priority": action.priority.value,
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "observations": [o.id for o in action.observations],
    }


def gis_properties(action: Action) -> dict:
    """The attributes of an action in GIS exports (GeoJSON, CSV, GeoPackage): no empty values."""
    data = as_dict(action)
    return {
        **{name: data[name] for name in ("title", "organisation", "status", "priority")},
        "due_on": data["due_on"] or "",
        "observations": ",".join(str(number) for number in data["observations"]),
    }


def map_points(action: Action, today: date, url: str) -> list[dict]:
    """The action's pins on the queue's map, one at each of its observations."""
    kind = "overdue" if action.is_overdue(today) else "action"  # the colour: walkapp.css
    return [
        observation_serializers.map_point(observation, kind=kind, label_text=action.title, url=url)
        for observation in action.observations
    ]
