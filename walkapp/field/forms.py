"""Forms for joining a walk by code."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from walkapp.labels import choices
from walkapp.walks.models import Represents


class JoinCodeForm(FlaskForm):
    code = StringField(
        _l("Walk code"),
        validators=[DataRequired(), Length(max=16)],
        render_kw={
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
            "inputmode": "text",
        },
    )


class JoinForm(FlaskForm):
    display_name = StringField(
        _l("Your name on this walk"),
        validators=[DataRequired(), Length(max=80)],
        render_kw={"autocomplete": "given-name"},
    )
    represents = SelectField(
        _l("You take part as"), choices=choices(Represents), validators=[DataRequired()]
    )
    consent = BooleanField(
        _l(
            "I agree that my observations, photos and notes are stored by the municipality, "
            "may be shared with the police and the organisations that act on them, and are "
            "published without my name once personal details are removed."
        ),
        validators=[DataRequired(message=_l("You need to agree to join."))],
    )
