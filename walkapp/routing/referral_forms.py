"""Forms of referrals: the handover, the owner's answer, withdrawing, their case number."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from walkapp.fields import ChoiceIdField, DateField
from walkapp.personal_data import find_personal_data
from walkapp.routing.referrals import REFERENCE_MAX_LENGTH
from walkapp.web import to_id

CONFIRM_LABEL = _l("I have checked the text: it may be published")


class _PublicText:
    def holds_personal_data(self) -> bool:
        """Whether to offer the checkbox: the public text seems to name someone."""
        return bool(find_personal_data(self.public_text_field().data or ""))


class ReferenceForm(FlaskForm):
    reference = StringField(
        _l("Their reference (case number)"),
        validators=[Optional(), Length(max=REFERENCE_MAX_LENGTH)],
    )
    expected_reply_on = DateField(_l("Answer expected by"), validators=[Optional()])


class ReferForm(ReferenceForm, _PublicText):
    """The handover: the owner, and their reference and reply date if already known."""

    # Any id is taken (to_id drops garbage): another municipality's must be a 404, not "invalid".
    organisation_id = ChoiceIdField(
        _l("Owner the observation is handed over to"), coerce=to_id, validate_choice=False
    )
    public_note = TextAreaField(
        _l("Note shown to the public"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
    )
    confirmed_personal_data = BooleanField(CONFIRM_LABEL)

    def public_text_field(self):
        return self.public_note

    def validate_organisation_id(self, field) -> None:
        # Not DataRequired: it would wipe the "Unknown choice." of a garbage id.
        if field.data is None and not field.errors:
            raise ValidationError(_l("Choose the owner to hand the observation over to."))


class AnswerForm(FlaskForm, _PublicText):
    answer_note = TextAreaField(
        _l("Their answer (shown to the public)"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 3},
    )
    observation_status = RadioField(_l("What happens to the observation?"), default="")
    confirmed_personal_data = BooleanField(CONFIRM_LABEL)

    def public_text_field(self):
        return self.answer_note


class WithdrawForm(FlaskForm, _PublicText):
    reason = TextAreaField(
        _l("Reason (internal, never published)"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 2},
    )
    public_note = TextAreaField(
        _l("Note shown to the public (optional)"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
    )
    confirmed_personal_data = BooleanField(CONFIRM_LABEL)

    def public_text_field(self):
        return self.public_note
