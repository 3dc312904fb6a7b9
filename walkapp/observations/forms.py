"""The safety chief's triage decision on an observation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class TriageForm(FlaskForm):
    status = RadioField(_l("Decision"), validators=[DataRequired()])
    public_note = TextAreaField(
        _l("Reason shown to the public"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 3},
    )
    internal_note = TextAreaField(
        _l("Internal note (never published)"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
    )
