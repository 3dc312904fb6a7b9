"""Forms for planning a walk."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional

from walkapp.fields import DateTimeLocalField
from walkapp.labels import choices
from walkapp.walks.models import LightConditions, WalkKind


class WalkForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"placeholder": _l("e.g. Safety walk, Mariefred centre")},
    )
    kind = SelectField(_l("Kind of walk"), choices=choices(WalkKind), validators=[DataRequired()])
    locality_id = SelectField(_l("Locality"), coerce=int, validators=[Optional()])
    starts_at = DateTimeLocalField(
        _l("Starts (Swedish time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()]
    )
    light_conditions = SelectField(
        _l("Light"), choices=choices(LightConditions), validators=[DataRequired()]
    )
    weather_note = StringField(_l("Weather"), validators=[Optional(), Length(max=200)])
    repeat_of_id = SelectField(_l("Repeat of an earlier walk"), coerce=int, validators=[Optional()])
    commitment_ids = SelectMultipleField(
        _l("Commitments the walk fulfils"), coerce=int, validators=[Optional()]
    )


class RouteForm(FlaskForm):
    """The planned route as GeoJSON, filled in by the route editor (checked by the service)."""

    route = HiddenField()
