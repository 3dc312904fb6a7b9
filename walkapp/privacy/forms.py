"""The municipality's retention settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField
from wtforms.validators import NumberRange, Optional


class RetentionForm(FlaskForm):
    anonymise_participants_months = IntegerField(
        _l("Remove participants' names and addresses, months after the follow-up"),
        validators=[Optional(), NumberRange(min=0, max=240)],
    )
    delete_photo_originals_months = IntegerField(
        _l("Delete blurred photos' originals, months after the follow-up"),
        validators=[Optional(), NumberRange(min=0, max=240)],
    )


class PublicationForm(FlaskForm):
    auto_publish_clean_notes = BooleanField(
        _l("Publish notes at once when the detector finds no personal data in them")
    )
