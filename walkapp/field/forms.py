"""Forms for joining a walk by code."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

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
    wants_feedback = BooleanField(_l("Tell me by e-mail when something I pinned has been fixed"))
    feedback_email = EmailField(
        _l("E-mail address"),
        validators=[Optional(), Email(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )

    def validate_feedback_email(self, field):
        if self.wants_feedback.data and not field.data:
            raise ValidationError(_l("Give the address to write to, or untick the box."))
