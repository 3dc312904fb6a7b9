"""The language switch."""

from flask_wtf import FlaskForm
from wtforms import HiddenField


class LanguageForm(FlaskForm):
    # The chosen language is the submit button's value; "next" brings the user back.
    next = HiddenField()
