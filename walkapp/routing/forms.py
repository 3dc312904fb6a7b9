"""The form of one routing rule (a row of the rules page, or the form for a new owner's rule)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from walkapp.labels import choices
from walkapp.observations.models import PlaceOwner


def owner_choices(any_text) -> list[SelectChoice]:
    """The owners of a place, the empty value first ("any owner" or "unknown")."""
    return [SelectChoice("", any_text), *choices(PlaceOwner)]


class RuleForm(FlaskForm):
    municipality_id = HiddenField()
    category_code = SelectField(_l("Category"), validators=[DataRequired()])
    place_owner = SelectField(_l("Owner of the place"), validators=[Optional()])
    # An id, not a choice: another municipality's organisation is "not there" (404), which the
    # service decides, not "not a valid choice".
    organisation_id = IntegerField(_l("Organisation"), validators=[Optional()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])
