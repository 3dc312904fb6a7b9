"""One detector of personal data for every text that can reach the public (no domain imports)."""

import enum
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from walkapp.errors import DomainError
from walkapp.personal_data_names import (
    AMBIGUOUS_FIRST_NAMES,
    AMBIGUOUS_SURNAMES,
    FIRST_NAMES,
    NAME_CUES,
    SURNAMES,
    TITLES,
)


class PersonalDataKind(enum.StrEnum):
    # The values are the hint codes stored nowhere but used by views and tests.
    PERSONAL_NUMBER = "personal_number"
    COORDINATION_NUMBER = "coordination_number"
    PHONE = "phone"
    EMAIL = "email"
    NUMBER_PLATE = "number_plate"
    STREET_ADDRESS = "street_address"
    NAME = "name"

    @property
    def label(self):
        """What was found, as it reads in a sentence: "a phone number"."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PersonalDataKind.PERSONAL_NUMBER: _l("a personal identity number"),
    PersonalDataKind.COORDINATION_NUMBER: _l("a coordination number"),
    PersonalDataKind.PHONE: _l("a phone number"),
    PersonalDataKind.EMAIL: _l("an e-mail address"),
    PersonalDataKind.NUMBER_PLATE: _l("a number plate"),
    PersonalDataKind.STREET_ADDRESS: _l("a street address"),
    PersonalDataKind.NAME: _l("a person's name"),
}


@dataclass(frozen=True)
class Hit:
    kind: PersonalDataKind
    start: int
    end: int
    text: str


# ---------- numbers ----------

# 10 or 12 digits (YYMMDD or YYYYMMDD, then four), the last one a Luhn check digit.
_ID_NUMBER = re.compile(r"(?<![\d+])((?:19|20)?)(\d{6})([-+ ]?)(\d{4})(?!\d)")


def luhn_ok(digits: str) -> bool:
    """The Luhn check of a Swedish personal identity number's ten digits."""
    total = 0
    for position, char in enumerate(digits[:-1]):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(digits[-1])


def _id_numbers(text: str):
    for match in _ID_NUMBER.finditer(text):
        century, birth, separator, tail = match.groups()
        # Ten digits without a separator beginning with 0 are far more often a phone number.
        if not century and not separator and birth.startswith("0"):
            continue
        month, day = int(birth[2:4]), int(birth[4:6])
        if not 1 <= month <= 12 or not luhn_ok(birth + tail):
            continue
        if 1 <= day <= 31:
            kind = PersonalDataKind.PERSONAL_NUMBER
        elif 61 <= day <= 91:  # a coordination number: the day plus 60
            kind = PersonalDataKind.COORDINATION_NUMBER
        else:
            continue
        yield Hit(kind, match.start(), match.end(), match.group())


# Mobile and landline numbers: 0 (or +46 / 0046, perhaps with "(0)") and then 7 to 9 digits,
# the first the area code's, spaced, hyphenated or slashed as people write them.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)46[\s-]?(?:\(0\)[\s-]?)?|\(?0)[1-9](?:[ \t/)-]{0,3}\d){6,8}(?!\d)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Swedish plates: three letters (never I, Q, V or Å, Ä, Ö), two digits, a digit or a letter.
_PLATE = re.compile(
    r"\b[A-HJ-PR-UW-Z]{3}[ -]?\d{2}[0-9A-HJ-PR-UW-Z]\b"
    r"|\b(?i:[a-hj-pr-uw-z]{3}\d{2}[0-9a-hj-pr-uw-z])\b"
)
_NOT_PLATES = frozenset({"LED", "SMS", "MMS", "GPS", "USB", "BUS"})


def _numbers(pattern: re.Pattern, kind: PersonalDataKind, text: str):
    for match in pattern.finditer(text):
        if kind == PersonalDataKind.NUMBER_PLATE and match.group()[:3].upper() in _NOT_PLATES:
            continue
        yield Hit(kind, match.start(), match.end(), match.group())


# ---------- street addresses ----------

_STREET_SUFFIXES = (
    "gatan|gata|vägen|gränden|gränd|torget|torg|backen|backe|allén|allé|allen|alle|stigen|stig"
    "|planen|plan|leden|platsen|plats|gången|stråket|kajen|kaj|esplanaden|promenaden|parken"
    "|slingan|ringen|höjden|udden|hagen|liden|gärdet|stranden|strand|bryggan|vägen|tået"
)
# After the number, words that make it a count or a measure, not a house: "Cykelvägen 2 km".
_UNITS = (
    "km|m|meter|mil|cm|mm|min|minuter|sek|s|h|tim|timmar|timme|dygn|dagar|dag|veckor|vecka"
    "|månader|år|gånger|ggr|st|stycken|procent|%|kr|kronor|lampor|lampa|lyktor|stolpar|bilar"
    "|fordon|cyklar|personer|pers|deltagare|elever|barn|ungdomar|föräldrar|boende|besökare"
    "|kontroller|träffar|möten|platser|steg|grader|träd|buskar|bänkar|hus|kvällar|nätter"
    "|helger|tillfällen|pass"
)
_ADDRESS = re.compile(
    rf"(?P<street>(?P<before>[^\W\d_]+\s+)?(?P<word>[^\W\d_]*?(?:{_STREET_SUFFIXES})))"
    rf"\s+\d{{1,4}}(?!\d)(?!\s*(?:{_UNITS})(?![\wåäö]))"
    r"(?-i:\s?[A-Z]|[a-z])?(?![\w])"
    r"(?:\s*,?\s*(?:lgh\.?|lägenhet)\s*\d{3,4})?",
    re.IGNORECASE,
)
# Road numbers ("länsväg 222") are not where anyone lives.
_ROAD_NUMBERS = re.compile(r"(?:läns|riks|motor|europa)v", re.IGNORECASE)


def _addresses(text: str):
    for match in _ADDRESS.finditer(text):
        word, before = match.group("word"), match.group("before")
        if (
            _ROAD_NUMBERS.match(word)
            or match.start("word") > 0
            and text[match.start("word") - 1].isalpha()
        ):
            continue
        suffix_only = re.fullmatch(_STREET_SUFFIXES, word, re.IGNORECASE)
        if suffix_only:
            # "Västra Vägen 3", "Sergels torg 3"; never "Längs vägen 3 lampor ...".
            if before is None or not before[0].isupper():
                continue
            genitive = before.rstrip().endswith("s") and not _at_sentence_start(
                text, match.start("before")
            )
            if not (word[0].isupper() or genitive):
                continue
            start = match.start("before")
        else:
            start = match.start("word")
        yield Hit(PersonalDataKind.STREET_ADDRESS, start, match.end(), text[start : match.end()])


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


# ---------- names ----------

_WORD = re.compile(r"[^\W\d_]+")
# After these, a word with a capital is a name even if no list knows it: "han heter Zlatan".
_NAMING_WORDS = frozenset({"heter", "hette", "kallas", "kallad", "named", "called"})
_SENTENCE_ENDS = ".!?:;\"'»”(–-\n"


def _known(word: str, names: frozenset) -> bool:
    """In the list, or its genitive ("Kalles", "Anderssons")."""
    return word in names or (len(word) > 3 and word.endswith("s") and word[:-1] in names)


def _is_surname(word: str) -> bool:
    stem = word[:-1] if word.endswith("ssons") else word
    return _known(word, SURNAMES) or (len(stem) >= 7 and stem.endswith("sson"))


def _ambiguous(word: str, names: frozenset) -> bool:
    return word in names or (word.endswith("s") and word[:-1] in names)


def _names(text: str):
    words = list(_WORD.finditer(text))
    lower = [w.group().lower() for w in words]

    def adjacent(i: int, j: int) -> bool:
        return 0 <= i < j < len(words) and text[words[i].end() : words[j].start()].isspace()

    def first_name(i: int) -> bool:
        return 0 <= i < len(words) and _known(lower[i], FIRST_NAMES)

    def surname(i: int) -> bool:
        return 0 <= i < len(words) and _is_surname(lower[i])

    def capital_inside_sentence(i: int) -> bool:
        return words[i].group()[0].isupper() and not _at_sentence_start(text, words[i].start())

    is_name = []
    for i, word in enumerate(lower):
        cue_before = adjacent(i - 1, i) and lower[i - 1] in NAME_CUES
        named = adjacent(i - 1, i) and lower[i - 1] in _NAMING_WORDS
        if named and words[i].group()[0].isupper():
            is_name.append(True)
            continue
        title_before = adjacent(i - 1, i) and lower[i - 1] in TITLES
        plain_first = first_name(i) and not _ambiguous(word, AMBIGUOUS_FIRST_NAMES)
        if plain_first or (surname(i) and not _ambiguous(word, AMBIGUOUS_SURNAMES)):
            found = True
        else:
            # Both lists' ordinary words: a name only in a name's company.
            found = (
                first_name(i)
                and (
                    cue_before
                    or capital_inside_sentence(i)
                    or (adjacent(i, i + 1) and surname(i + 1))
                )
            ) or (surname(i) and (title_before or (adjacent(i - 1, i) and first_name(i - 1))))
        is_name.append(found)

    i = 0
    while i < len(words):
        if not is_name[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and is_name[j + 1] and adjacent(j, j + 1):
            j += 1  # "Anna Lindberg" is one name
        start, end = words[i].start(), words[j].end()
        yield Hit(PersonalDataKind.NAME, start, end, text[start:end])
        i = j + 1


# ---------- the detector ----------


def find_personal_data(text: str) -> list[Hit]:
    """Everything in the text that looks like personal data, in reading order.

    A false alarm costs a reviewer one click; a miss costs a person's privacy, so the rules lean
    towards finding. Where two finds overlap the first kind below wins (an e-mail address is not
    also a name).
    """
    text = text or ""
    found: list[Hit] = []
    finders = [
        _numbers(_EMAIL, PersonalDataKind.EMAIL, text),
        _id_numbers(text),
        _numbers(_PHONE, PersonalDataKind.PHONE, text),
        _numbers(_PLATE, PersonalDataKind.NUMBER_PLATE, text),
        _addresses(text),
        _names(text),
    ]
    for finder in finders:
        for hit in finder:
            if not any(hit.start < other.end and other.start < hit.end for other in found):
                found.append(hit)
    return sorted(found, key=lambda hit: hit.start)


def kinds_of(hits: list[Hit]) -> list[PersonalDataKind]:
    """Each kind found once, in the enum's order."""
    present = {hit.kind for hit in hits}
    return [kind for kind in PersonalDataKind if kind in present]


class _Found:
    """The kinds found as a translated list, rendered when the message is."""

    def __init__(self, kinds: list[PersonalDataKind]):
        self.kinds = kinds

    def __str__(self) -> str:
        labels = [str(kind.label) for kind in self.kinds]
        if len(labels) == 1:
            return labels[0]
        return _("%(items)s and %(last)s", items=", ".join(labels[:-1]), last=labels[-1])


class PersonalDataFound(DomainError):
    """A text to be published seems to hold personal data; `hits` says what and where."""

    status_code = 422

    def __init__(self, message, hits: list[Hit] | None = None):
        super().__init__(message)
        self.hits = hits or []


def check_public_text(text: str, *, confirmed: bool) -> None:
    """Refuse a public text written by staff that seems to hold personal data, unless checked."""
    hits = [] if confirmed else find_personal_data(text)
    if hits:
        raise PersonalDataFound(
            _l(
                "The text seems to contain %(found)s. Remove it, or tick “I have checked the "
                "text: it may be published” if it is meant to be public.",
                found=_Found(kinds_of(hits)),
            ),
            hits,
        )


def check_activity_note(text: str) -> None:
    """Activities are counted, never about a person: any hit refuses the note, no override."""
    hits = find_personal_data(text)
    if hits:
        raise PersonalDataFound(
            _l(
                "Activities are counted, never about a person, but the note seems to contain "
                "%(found)s. Nothing was saved: write what was done without it.",
                found=_Found(kinds_of(hits)),
            ),
            hits,
        )
