"""The walk protocol as a PDF: what the municipality files and sends to the participants."""

import io
import math

from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from walkapp.formats import datetime_text
from walkapp.labels import label
from walkapp.pdf import Document, plain
from walkapp.photos.storage import PhotoStorage
from walkapp.protocol.queries import ProtocolEntry
from walkapp.walks.models import Walk
from walkapp.walks.route import route_line

MAP_HEIGHT = 90  # mm


def _route_points(walk: Walk) -> list[tuple[float, float]]:
    """The route's (lat, lon) from its GeoJSON (a FeatureCollection, or an older LineString)."""
    return route_line(walk.route_geojson)


def _area_map(pdf: Document, entries: list[ProtocolEntry], route: list[tuple[float, float]]):
    """A drawn map of the area: numbered points (the list's numbers), the route and a scale.

    No tiles: a filed document must not depend on a tile server being reachable when printed.
    """
    points = [(e.observation.lat, e.observation.lon) for e in entries] + route
    if not points:
        return
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    mid_lat = math.radians(sum(lats) / len(lats))
    # Metres per degree, so that the drawing keeps the area's true proportions.
    y_m = [(lat - min(lats)) * 111_320 for lat in lats]
    x_m = [(lon - min(lons)) * 111_320 * math.cos(mid_lat) for lon in lons]
    span = max(max(x_m), max(y_m), 50.0) * 1.15
    width = pdf.epw
    scale = min(width, MAP_HEIGHT) / span  # mm per metre
    left, top = pdf.l_margin, pdf.get_y()
    pdf.set_draw_color(60, 60, 60)
    pdf.rect(left, top, width, MAP_HEIGHT)

    def place(lat: float, lon: float) -> tuple[float, float]:
        x = (lon - min(lons)) * 111_320 * math.cos(mid_lat)
        y = (lat - min(lats)) * 111_320
        return left + 6 + x * scale, top + MAP_HEIGHT - 6 - y * scale

    if len(route) > 1:
        pdf.set_draw_color(11, 61, 46)
        pdf.set_line_width(0.6)
        for a, b in zip(route, route[1:], strict=False):
            pdf.line(*place(*a), *place(*b))
        pdf.set_line_width(0.2)
    pdf.set_font("Helvetica", "B", 7)
    for number, entry in enumerate(entries, start=1):
        x, y = place(entry.observation.lat, entry.observation.lon)
        fixed = entry.is_fixed
        pdf.set_fill_color(*((21, 128, 61) if fixed else (194, 65, 12)))
        pdf.circle(x=x, y=y, radius=2.6, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.text(x - (1.1 if number < 10 else 2.0), y + 1.0, str(number))
    pdf.set_text_color(0, 0, 0)
    # A scale bar of a round length.
    metres = next(
        m for m in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 10**9) if m * scale >= 15
    )
    bar_x, bar_y = left + 4, top + MAP_HEIGHT - 3
    pdf.line(bar_x, bar_y, bar_x + metres * scale, bar_y)
    pdf.set_font("Helvetica", size=7)
    pdf.text(
        bar_x + metres * scale + 1,
        bar_y + 1,
        f"{metres} m" if metres < 1000 else f"{metres // 1000} km",
    )
    pdf.text(left + width - 8, top + 5, "N ^")
    pdf.set_y(top + MAP_HEIGHT + 3)


def walk_protocol_pdf(
    walk: Walk,
    entries: list[ProtocolEntry],
    who_walked: str,
    storage: PhotoStorage,
) -> bytes:
    """Only what the public page shows: counts, masked notes, public photo versions, statuses."""
    locale = str(get_locale())
    pdf = Document(_("Protocol: %(walk)s", walk=walk.title))
    pdf.paragraph(
        walk.municipality.name + (f" - {walk.locality.name}" if walk.locality else ""), size=9
    )
    pdf.heading(walk.title)
    pdf.paragraph(
        " - ".join(
            part
            for part in (
                label(walk.kind),
                datetime_text(walk.starts_at, "medium"),
                label(walk.light_conditions),
                walk.weather_note,
            )
            if part
        )
    )
    if who_walked:
        pdf.paragraph(who_walked)
    fixed = sum(1 for entry in entries if entry.is_fixed)
    summary = ngettext("%(num)d observation", "%(num)d observations", len(entries))
    if entries:
        summary += ", " + (
            ngettext("%(num)d of them fixed", "%(num)d of them fixed", fixed)
            if fixed
            else _("none of them fixed yet")
        )
    pdf.paragraph(summary + ".", style="B")
    pdf.heading(_("Map"), 2)
    _area_map(pdf, entries, _route_points(walk))

    pdf.heading(_("Observations"), 2)
    for number, entry in enumerate(entries, start=1):
        observation = entry.observation
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.heading(f"{number}. {observation.category.label(locale)}", 3)
        details = f"{label(observation.polarity)} - {label(observation.status)}"
        if entry.support:
            details += " - " + ngettext(
                "reported %(num)d more time", "reported %(num)d more times", entry.support
            )
        pdf.paragraph(details, size=9)
        if entry.note:
            pdf.paragraph(entry.note)
        elif observation.note:
            pdf.paragraph(
                _("The note is being checked for personal data before it is published."), size=9
            )
        if entry.latest_public_note:
            pdf.paragraph(_("What happens:") + " " + entry.latest_public_note, style="I")
        if entry.waiting_photos:
            pdf.paragraph(
                ngettext(
                    "%(num)d photo is being checked for faces and number plates before it is "
                    "published.",
                    "%(num)d photos are being checked for faces and number plates before they "
                    "are published.",
                    entry.waiting_photos,
                ),
                size=9,
            )
        for photo in entry.photos[:3]:
            if pdf.get_y() > pdf.h - 60:
                pdf.add_page()
            data = storage.get(photo.key_for("public-thumb"))
            pdf.image(io.BytesIO(data), w=45)
            pdf.ln(1)
    pdf.set_title(plain(pdf.doc_title))
    return bytes(pdf.output())
