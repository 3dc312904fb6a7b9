"""Labelled enums: each enum names its members in its own module; `label(x)` for templates."""

import enum

from wtforms.fields.choices import SelectChoice


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a translated label.

    A subclass defines `labels()` (lazy_gettext strings, in member order) beside its members, so
    this module imports no domain: the arrows run from each domain down to here, never back up.
    """

    @classmethod
    def labels(cls) -> dict:
        raise NotImplementedError(f"{cls.__name__} defines no labels")

    @property
    def label(self):
        return type(self).labels()[self]

    @classmethod
    def choices(cls) -> list[SelectChoice]:
        return [SelectChoice(member.value, text) for member, text in cls.labels().items()]


def label(member) -> str:
    """The translated label of an enum member (the same value in two enums may read differently)."""
    return str(member.label)


def choices(enum_cls: type[LabelledEnum]) -> list[SelectChoice]:
    return enum_cls.choices()
