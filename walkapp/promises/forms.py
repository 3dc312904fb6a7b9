"""Forms for agreements, promises, commitments and activities."""

from babel.dates import get_month_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from walkapp.fields import CheckboxesField, ChoiceIdField, DateField
from walkapp.labels import choices
from walkapp.places.models import FollowUpKind
from walkapp.promises.activities import LOGGABLE_KINDS
from walkapp.promises.models import ActivityKind, Responsible, SourceKind
from walkapp.promises.services import MAX_CONTACT_LENGTH, MAX_REPORT_DUE_DAYS

# The kinds an activity may be (walks count themselves), as the select's values.
LOGGABLE_VALUES = frozenset(kind.value for kind in LOGGABLE_KINDS)


def month_choices() -> list[tuple[int, str]]:
    """January to December in the page's language ("November", "november")."""
    names = get_month_names("wide", locale=get_locale())
    return [(month, names[month].capitalize()) for month in range(1, 13)]


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
    # The dated lägesbild (with its sources) the promise was built on.
    situation_report_id = ChoiceIdField(
        _l("Built on the situation picture"), coerce=int, validators=[Optional()]
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
    # The rhythm: periods of follow_up_kind counted from this month (November: Nov–Apr, May–Oct).
    period_start_month = SelectField(
        _l("The periods start in"),
        coerce=int,
        choices=month_choices,
        default=1,
        validators=[Optional(), NumberRange(min=1, max=12)],
    )
    report_due_days = IntegerField(
        _l("Report due, days after the period ends"),
        default=14,
        validators=[Optional(), NumberRange(min=0, max=MAX_REPORT_DUE_DAYS)],
    )
    contact = TextAreaField(
        _l("Contact for questions"),
        validators=[Optional(), Length(max=MAX_CONTACT_LENGTH)],
        render_kw={"rows": 2},
    )


class SituationReportForm(FlaskForm):
    """A lägesbild: one text box per kind of source (see SOURCE_FIELDS), and the walks' days."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    dated_on = DateField(_l("Date of the situation picture"), validators=[DataRequired()])
    summary = TextAreaField(
        _l("Summary"), validators=[Optional(), Length(max=20_000)], render_kw={"rows": 6}
    )
    source_reported_crime = TextAreaField(
        _l("Reported crime"), validators=[Optional(), Length(max=5_000)], render_kw={"rows": 3}
    )
    source_safety_survey = TextAreaField(
        _l("Safety survey"), validators=[Optional(), Length(max=5_000)], render_kw={"rows": 3}
    )
    source_citizen_dialogue = TextAreaField(
        _l("Citizen dialogue"), validators=[Optional(), Length(max=5_000)], render_kw={"rows": 3}
    )
    source_police_intelligence = TextAreaField(
        _l("Police intelligence"),
        validators=[Optional(), Length(max=5_000)],
        render_kw={"rows": 3},
    )
    source_walks = TextAreaField(
        _l("What the walks show"),
        validators=[Optional(), Length(max=5_000)],
        render_kw={"rows": 3},
    )
    walks_from = DateField(_l("Count the walks from"), validators=[Optional()])
    walks_to = DateField(_l("Count the walks to"), validators=[Optional()])
    source_other = TextAreaField(
        _l("Other source"), validators=[Optional(), Length(max=5_000)], render_kw={"rows": 3}
    )


# Each kind of source and the field of SituationReportForm that holds its text.
SOURCE_FIELDS = {kind: f"source_{kind.value}" for kind in SourceKind}


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


class DecimalCommaField(FloatField):
    """A number as a Swede types it: "2,5" as well as "2.5", spaces between thousands."""

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [valuelist[0].replace("\u00a0", "").replace(" ", "").replace(",", ".")]
        super().process_formdata(valuelist)

    def _value(self) -> str:
        if self.raw_data or self.data is None:
            return super()._value()
        return f"{self.data:g}"  # 45, not 45.0


class ActivityForm(FlaskForm):
    kind = SelectField(
        _l("Kind of activity"),
        choices=[choice for choice in choices(ActivityKind) if choice.value in LOGGABLE_VALUES],
        validators=[DataRequired()],
    )
    done_on = DateField(_l("Date"), validators=[DataRequired()])
    count = IntegerField(
        _l("Number of occasions"),
        default=1,
        validators=[DataRequired(), NumberRange(min=1, max=10_000)],
    )
    quantity = DecimalCommaField(
        _l("Quantity, if counted"),
        validators=[Optional(), NumberRange(min=0, max=1_000_000)],
    )
    commitment_ids = CheckboxesField(
        _l("Counts toward"),
        coerce=int,
        validators=[DataRequired(_l("Choose at least one commitment the activity counts toward."))],
    )
    # Activities are counted, never about a person: the label says so before the service refuses.
    note = StringField(
        _l("Note (what was done, never about a person)"),
        validators=[Optional(), Length(max=500)],
    )


class ActivityDeleteForm(FlaskForm):
    """Only the CSRF token: the confirmation page is the question."""
