"""Form fields shared by several forms: choices by id, and groups of checkboxes."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, widgets


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
