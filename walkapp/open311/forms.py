"""The administrators' form for a new API key."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length


class ApiKeyForm(FlaskForm):
    name = StringField(
        _l("Name (the system that will use the key)"),
        validators=[DataRequired(), Length(max=120)],
    )
    municipality_id = SelectField(_l("Municipality"), coerce=int, validate_choice=False)
