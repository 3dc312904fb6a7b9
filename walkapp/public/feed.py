"""An Atom 1.0 feed (RFC 4287) of published follow-ups, built as XML, never by string pasting."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

ATOM = "http://www.w3.org/2005/Atom"
MIMETYPE = "application/atom+xml"
# Characters XML 1.0 cannot carry: a stray control character must not break every reader.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Link:
    href: str  # absolute
    type: str
    rel: str = "alternate"
    title: str = ""


@dataclass(frozen=True)
class Entry:
    id: str  # an absolute URL that names this version for good
    title: str
    published: datetime
    links: list[Link]
    summary: str = ""
    categories: list[str] = field(default_factory=list)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value or "")


def rfc3339(moment: datetime) -> str:
    """A moment in UTC as Atom dates it: 2017-05-10T08:00:00Z (stored times may be naive UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attributes.items()}
    )
    if text is not None:
        element.text = _text(text)
    return element


def atom_feed(
    *,
    feed_id: str,
    title: str,
    subtitle: str,
    author: str,
    self_url: str,
    page_url: str,
    updated: datetime,
    entries: list[Entry],
    language: str = "sv",
) -> bytes:
    """The feed as UTF-8 bytes; entries newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    _add(feed, "id", feed_id)
    _add(feed, "title", title, type="text")
    _add(feed, "subtitle", subtitle, type="text")
    _add(feed, "updated", rfc3339(updated))
    _add(feed, "link", rel="self", type=MIMETYPE, href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(_add(feed, "author"), "name", author)
    _add(feed, "generator", "walkapp")
    for entry in entries:
        element = _add(feed, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title, type="text")
        _add(element, "published", rfc3339(entry.published))
        # A version is never changed: a correction is a new entry, so updated == published.
        _add(element, "updated", rfc3339(entry.published))
        for link in entry.links:
            attributes = {"rel": link.rel, "type": link.type, "href": link.href}
            if link.title:
                attributes["title"] = link.title
            _add(element, "link", **attributes)
        for term in entry.categories:
            _add(element, "category", term=term)
        if entry.summary:
            _add(element, "summary", entry.summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
