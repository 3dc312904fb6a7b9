"""The safety chief's forms on an observation: triage, masking the note, blurring a photo."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FloatField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from walkapp.observations.models import PlaceOwner
from walkapp.personal_data import find_personal_data


class TriageForm(FlaskForm):
    status = RadioField(_l("Decision"), validators=[DataRequired()])
    public_note = TextAreaField(
        _l("Reason shown to the public"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 3},
    )
    confirmed_personal_data = BooleanField(_l("I have checked the text: it may be published"))
    internal_note = TextAreaField(
        _l("Internal note (never published)"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
    )

    def holds_personal_data(self) -> bool:
        """Whether to offer the checkbox: the public reason seems to name someone."""
        return bool(find_personal_data(self.public_note.data or ""))


class PlaceOwnerForm(FlaskForm):
    place_owner = SelectField(
        _l("Who owns the place?"),
        choices=[SelectChoice("", "")] + [SelectChoice(owner.value) for owner in PlaceOwner],
        validators=[Optional()],
    )


class MaskForm(FlaskForm):
    public_text = TextAreaField(
        _l("Text shown to the public"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 4},
    )


class BlurForm(FlaskForm):
    """A rectangle in percent of the photo, so it does not depend on the size it is shown at."""

    left = FloatField(_l("From the left (%)"), validators=[InputRequired(), NumberRange(0, 100)])
    top = FloatField(_l("From the top (%)"), validators=[InputRequired(), NumberRange(0, 100)])
    width = FloatField(_l("Width (%)"), validators=[InputRequired(), NumberRange(0, 100)])
    height = FloatField(_l("Height (%)"), validators=[InputRequired(), NumberRange(0, 100)])
