"""Forms for organisations and localities."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from walkapp.errors import DomainError
from walkapp.labels import choices
from walkapp.places.models import OrganisationKind
from walkapp.tiles.services import MAX_ZOOM, check_tile_settings


class OrganisationForm(FlaskForm):
    municipality_id = SelectField(_l("Municipality"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    kind = SelectField(
        _l("Kind"),
        choices=choices(OrganisationKind),
        validators=[DataRequired()],
    )
    # Every organisation is told of its actions, also one without handlers: the address is needed.
    email = EmailField(
        _l("E-mail for new assignments"),
        validators=[
            DataRequired(_l("Give the organisation's contact address: it is told of new actions.")),
            Email(check_deliverability=False),
            Length(max=254),
        ],
    )
    is_active = BooleanField(_l("Active"), default=True)


class LocalityForm(FlaskForm):
    municipality_id = SelectField(_l("Municipality"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    center_lat = FloatField(
        _l("Centre, latitude (WGS 84)"), validators=[InputRequired(), NumberRange(-90, 90)]
    )
    center_lon = FloatField(
        _l("Centre, longitude (WGS 84)"), validators=[InputRequired(), NumberRange(-180, 180)]
    )


class TileSourceForm(FlaskForm):
    """A municipality's map tiles; every field empty: the installation's tile source."""

    tile_url = StringField(_l("Tile address"), validators=[Optional(), Length(max=300)])
    tile_attribution = StringField(_l("Attribution"), validators=[Optional(), Length(max=300)])
    tile_min_zoom = IntegerField(
        _l("Lowest zoom level"), validators=[Optional(), NumberRange(0, MAX_ZOOM)]
    )
    tile_max_zoom = IntegerField(
        _l("Highest zoom level"), validators=[Optional(), NumberRange(0, MAX_ZOOM)]
    )

    def validate_tile_url(self, field) -> None:
        url = (field.data or "").strip()
        try:
            check_tile_settings("local" if url.lower() == "local" else url, None, None, None)
        except DomainError as error:
            raise ValidationError(str(error.message)) from None

    def validate_tile_max_zoom(self, field) -> None:
        low = self.tile_min_zoom.data
        if field.data is not None and low is not None and low > field.data:
            raise ValidationError(_l("The lowest zoom level cannot be above the highest."))


class CooperationForm(FlaskForm):
    """How the municipality names its side of the citizen promise, and the police's side."""

    chief_title = StringField(_l("Title of the safety chief"), validators=[Length(max=60)])
    police_area = StringField(
        _l("Local police area"),
        validators=[Length(max=120)],
        render_kw={"list": "police-areas"},  # the areas already known, against typing a second
    )
