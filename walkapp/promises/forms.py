"""Forms for agreements, promises, commitments, activities and the follow-up narrative."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from walkapp.fields import ChoiceIdField, DateField
from walkapp.labels import choices
from walkapp.places.models import FollowUpKind
from walkapp.promises.models import ActivityKind, Responsible


class AgreementForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    starts_on = DateField(_l("From"), validators=[DataRequired()])
    ends_on = DateField(_l("To"), validators=[DataRequired()])
    document_url = URLField(
        _l("Link to the signed document"), validators=[Optional(), URL(), Length(max=500)]
    )


class PromiseForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    agreement_id = ChoiceIdField(_l("Part of the agreement"), coerce=int, validators=[Optional()])
    starts_on = DateField(_l("From"), validators=[DataRequired()])
    ends_on = DateField(_l("To"), validators=[DataRequired()])
    follow_up_kind = SelectField(
        _l("Followed up per"), choices=choices(FollowUpKind), validators=[DataRequired()]
    )
    situation_text = TextAreaField(
        _l("Situation picture (lägesbild)"),
        validators=[Optional(), Length(max=20_000)],
        render_kw={"rows": 6},
    )
    focus_areas = TextAreaField(
        _l("Focus areas, one per line"),
        validators=[Optional(), Length(max=5_000)],
        render_kw={"rows": 4},
    )
    signed_by = TextAreaField(
        _l("Signed by"), validators=[Optional(), Length(max=2_000)], render_kw={"rows": 2}
    )
    signed_on = DateField(_l("Signed on"), validators=[Optional()])


class CommitmentForm(FlaskForm):
    text = TextAreaField(
        _l("What is promised"),
        validators=[DataRequired(), Length(max=5_000)],
        render_kw={"rows": 3},
    )
    responsible = SelectField(
        _l("Responsible"), choices=choices(Responsible), validators=[DataRequired()]
    )
    activity_kind = SelectField(
        _l("Kind of activity"), choices=choices(ActivityKind), validators=[DataRequired()]
    )
    target_count = IntegerField(
        _l("Target (number, if the promise names one)"),
        validators=[Optional(), NumberRange(min=1, max=10_000)],
    )
    locality_id = ChoiceIdField(_l("Locality"), coerce=int, validators=[Optional()])


class ActivityForm(FlaskForm):
    done_on = DateField(_l("Date"), validators=[DataRequired()])
    count = IntegerField(
        _l("Number"), default=1, validators=[DataRequired(), NumberRange(min=1, max=10_000)]
    )
    # Activities are counted, never about a person: the label says so before the service refuses.
    note = StringField(
        _l("Note (what was done, never about a person)"),
        validators=[Optional(), Length(max=500)],
    )


class FollowUpForm(FlaskForm):
    narrative = TextAreaField(
        _l("The safety chief's account of the period"),
        validators=[Optional(), Length(max=20_000)],
        render_kw={"rows": 8},
    )
