"""The review filters: a GET form, so every view of the review is a URL that can be shared."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from walkapp.fields import CheckboxesField, ChoiceIdField, DateField
from walkapp.labels import choices
from walkapp.observations.models import CategoryGroup, ObservationStatus, Polarity
from walkapp.review.queries import SORT_COLUMNS
from walkapp.walks.models import LightConditions

SEVERITY_CHOICES = [
    SelectChoice(1, _l("Small")),
    SelectChoice(2, _l("Medium")),
    SelectChoice(3, _l("Serious")),
]


class ReviewFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    municipality = ChoiceIdField(_l("Municipality"), coerce=int, validators=[Optional()])
    locality = ChoiceIdField(_l("Locality"), coerce=int, validators=[Optional()])
    walk = ChoiceIdField(_l("Walk"), coerce=int, validators=[Optional()])
    promise = ChoiceIdField(_l("Citizen promise"), coerce=int, validators=[Optional()])
    commitment = ChoiceIdField(_l("Commitment"), coerce=int, validators=[Optional()])
    # No Optional() on the choices of several: it would wipe the "not a valid choice" error of a
    # blank value (?status=%20), which then reached the query and failed there (500). An empty
    # choice is valid without it.
    category = SelectMultipleField(_l("Category"))
    group = CheckboxesField(_l("Category group"), choices=choices(CategoryGroup))
    kind = CheckboxesField(_l("Problem, proposal or safe place"), choices=choices(Polarity))
    status = CheckboxesField(_l("Status"), choices=choices(ObservationStatus))
    severity = CheckboxesField(_l("Severity"), coerce=int, choices=SEVERITY_CHOICES)
    light = CheckboxesField(_l("Daylight or dark"), choices=choices(LightConditions))
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
    sort = HiddenField(_l("Sort order"), default="recorded")
    dir = HiddenField(_l("Sort order"), default="desc")
    page = IntegerField(
        _l("Page"), default=1, validators=[Optional(), NumberRange(min=1, max=100_000)]
    )

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))

    def validate_sort(self, field):
        if field.data and field.data not in SORT_COLUMNS:
            raise ValidationError(_l("Unknown sort order."))

    def validate_dir(self, field):
        if field.data and field.data not in ("asc", "desc"):
            raise ValidationError(_l("Unknown sort order."))
