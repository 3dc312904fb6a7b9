"""Forms for organisations and localities."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, FloatField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from walkapp.labels import choices
from walkapp.places.models import OrganisationKind


class OrganisationForm(FlaskForm):
    municipality_id = SelectField(_l("Municipality"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    kind = SelectField(
        _l("Kind"),
        choices=choices(OrganisationKind),
        validators=[DataRequired()],
    )
    email = EmailField(
        _l("E-mail for new assignments"),
        validators=[Optional(), Email(check_deliverability=False), Length(max=254)],
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
