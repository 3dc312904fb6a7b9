"""Form fields shared by several forms: choices by id, groups of checkboxes, bounded dates."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField as _DateField
from wtforms import DateTimeLocalField as _DateTimeLocalField
from wtforms import SelectField, SelectMultipleField, widgets

# Dates a person could mean. Outside them, arithmetic in time zones overflows (year 1 has no
# UTC day before it) and a promise "from year 1 to 9999" would have thirty thousand periods.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _check_year(field) -> None:
    # The bad date stays in field.data: DataRequired would otherwise replace this message.
    if field.data is not None and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        raise ValueError(
            _l("Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR)
        )


class DateField(_DateField):
    """WTForms' date field, refusing years no walk or promise can have."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        _check_year(self)


class DateTimeLocalField(_DateTimeLocalField):
    """WTForms' local date and time field, refusing years no walk can have."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        _check_year(self)


class ChoiceIdField(SelectField):
    """A choice of one object by id, with a message a person can read when the id is garbage."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Unknown choice.")) from None


class CheckboxesField(SelectMultipleField):
    """Several choices as a group of checkboxes (a fieldset), easier than a multiple select."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
