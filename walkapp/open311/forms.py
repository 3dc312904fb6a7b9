"""The administrators' form for a new API key, and a posted service request as typed values."""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from walkapp.observations.models import Category, Polarity
from walkapp.observations.services import NOTE_MAX_LENGTH
from walkapp.open311.services import Open311Error, ServiceRequestInput


class ApiKeyForm(FlaskForm):
    name = StringField(
        _l("Name (the system that will use the key)"),
        validators=[DataRequired(), Length(max=120)],
    )
    municipality_id = SelectField(_l("Municipality"), coerce=int, validate_choice=False)


def service_request(form: Mapping[str, str], category: Category) -> ServiceRequestInput:
    """The spec's fields of a POSTed request (its service_code already found as `category`)."""
    try:
        lat = float(form.get("lat", ""))
        lon = float(form.get("long", ""))
    except ValueError:
        raise Open311Error(400, _l("lat and long are required.")) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Open311Error(400, _l("lat and long are required."))
    description = (form.get("description") or "").strip()
    if len(description) > NOTE_MAX_LENGTH:
        raise Open311Error(400, _l("The description is too long."))
    try:
        polarity = Polarity(form.get("attribute[polarity]") or category.default_polarity)
        severity = int(form.get("attribute[severity]") or 2)
    except ValueError:
        raise Open311Error(400, _l("An attribute has a value the service does not know.")) from None
    if severity not in (1, 2, 3):
        raise Open311Error(400, _l("An attribute has a value the service does not know."))
    return ServiceRequestInput(
        category=category,
        lat=lat,
        lon=lon,
        description=description,
        polarity=polarity,
        severity=severity,
    )
