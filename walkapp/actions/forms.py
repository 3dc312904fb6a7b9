"""Forms of actions: creating one from observations, its lifecycle, the handler's queue."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from walkapp.actions.models import ActionStatus, Priority
from walkapp.fields import CheckboxesField, ChoiceIdField, DateField
from walkapp.labels import choices
from walkapp.personal_data import find_personal_data
from walkapp.web import to_id

CONFIRM_LABEL = _l("I have checked the text: it may be published")


class ActionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("What should be done"),
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 4},
    )
    organisation_id = SelectField(_l("Responsible organisation"), coerce=int)
    priority = SelectField(_l("Priority"), choices=choices(Priority))
    due_on = DateField(_l("Due date"), validators=[DataRequired()])
    next = HiddenField()


class TransitionForm(FlaskForm):
    """One step of the lifecycle; a done step may carry a photo of the finished work."""

    status = RadioField(_l("Next step"), validators=[DataRequired()])
    planned_on = DateField(_l("Planned for"), validators=[Optional()])
    public_note = TextAreaField(
        _l("Note shown to the public"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 3},
    )
    confirmed_personal_data = BooleanField(CONFIRM_LABEL)
    internal_note = TextAreaField(
        _l("Internal note (never published)"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
    )
    photo = FileField(
        _l("Photo of the finished work"),
        render_kw={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif"},
    )

    def holds_personal_data(self) -> bool:
        """Whether to offer the checkbox: the public note seems to name someone."""
        return bool(find_personal_data(self.public_note.data or ""))


class AssignForm(FlaskForm):
    assignee_id = SelectField(_l("Person responsible"), coerce=int)


class ReassignForm(FlaskForm):
    """Move the action to another organisation: the service tells which ids are not there."""

    # Any id is taken (to_id drops garbage): another municipality's must be a 404, not "invalid".
    organisation_id = ChoiceIdField(
        _l("New responsible organisation"),
        coerce=to_id,
        validate_choice=False,
    )
    reason = TextAreaField(
        _l("Reason (internal, never published)"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 2},
    )

    def validate_organisation_id(self, field) -> None:
        # Not DataRequired: it would wipe the "Unknown choice." of a garbage id.
        if field.data is None and not field.errors:
            raise ValidationError(_l("Choose the organisation to move the action to."))


class CommentForm(FlaskForm):
    text = TextAreaField(
        _l("Internal comment"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 2},
    )


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    # No Optional(): it would wipe the error of a blank choice (?status=%20), a 500 in the query.
    status = CheckboxesField(_l("Status"), choices=choices(ActionStatus))
    priority = CheckboxesField(_l("Priority"), choices=choices(Priority))
    municipality = ChoiceIdField(_l("Municipality"), coerce=int, validators=[Optional()])
    organisation = ChoiceIdField(_l("Organisation"), coerce=int, validators=[Optional()])
    overdue = BooleanField(_l("Only overdue"))
    sort = SelectField(
        _l("Order"),
        choices=[
            SelectChoice("due", _l("Overdue first, then by due date")),
            SelectChoice("priority", _l("Highest priority first")),
            SelectChoice("created", _l("Newest first")),
        ],
        default="due",
    )


class BulkForm(FlaskForm):
    status = SelectField(_l("Next step for the selected"), choices=choices(ActionStatus))
    planned_on = DateField(_l("Planned for"), validators=[Optional()])
    public_note = TextAreaField(
        _l("Note shown to the public"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
    )
    # Always offered here: the queue shows the form afresh, so a refused note is not kept.
    confirmed_personal_data = BooleanField(CONFIRM_LABEL)
