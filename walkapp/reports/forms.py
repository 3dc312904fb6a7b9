"""Forms of the follow-up: its texts, the workflow's buttons and a published correction's note."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from walkapp.reports.services import MAX_TEXT

# Per commitment the form holds done-<id>, outcome-<id> and next-<id>; the view reads them for
# the promise's own commitments only.
TEXT_FIELDS = ("done", "outcome", "next")


class FollowUpTextsForm(FlaskForm):
    narrative = TextAreaField(
        _l("The period in brief"),
        validators=[Optional(), Length(max=MAX_TEXT)],
        render_kw={"rows": 6},
    )


class StepForm(FlaskForm):
    """A workflow button (submit, approve, start a correction): only its CSRF token."""


class PublishForm(FlaskForm):
    correction_note = TextAreaField(
        _l("What this version corrects"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 3},
    )
