"""The form that turns selected observations into one action."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from walkapp.actions.models import Priority
from walkapp.labels import choices


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
