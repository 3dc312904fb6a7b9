"""A report dict as a PDF: what the page says; a draft is marked on every page."""

from flask_babel import gettext as _
from flask_babel import ngettext

from walkapp.pdf import Document, plain
from walkapp.reports import render as r


class ReportDocument(Document):
    """The report's pages; a draft carries the mark at the top of every one."""

    def __init__(self, title: str, *, draft: bool):
        self.draft_mark = plain(_("DRAFT")) if draft else ""
        super().__init__(title)

    def header(self):
        if not self.draft_mark:
            return
        self.set_font("Helvetica", "B", 14)
        self.set_text_color(180, 30, 30)
        self.cell(0, 8, self.draft_mark, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)


def _commitments(pdf: ReportDocument, report: dict) -> None:
    pdf.heading(_("Commitments"), 2)
    pdf.ruled_table(
        [_("Commitment"), _("In the period"), _("To date"), _("Target"), _("Status")],
        [
            [
                f"{row['position']}. {row['text']}",
                row["period_done"],
                row["to_date"],
                row["target"] or "-",
                r.state(row["state"]),
            ]
            for row in report["commitments"]
        ],
        [82, 20, 18, 18, 36],
    )
    for row in report["commitments"]:
        pdf.heading(f"{row['position']}. {row['text']}", 3)
        pdf.paragraph(
            f"{r.responsible(row['responsible'])}"
            + (f" - {row['locality']}" if row["locality"] else ""),
            size=9,
        )
        texts = row["texts"]
        for heading, key in (
            (_("What we did"), "done"),
            (_("Outcome"), "outcome"),
            (_("Next step"), "next"),
        ):
            if texts[key]:
                pdf.paragraph(heading, size=10, style="B")
                pdf.paragraph(texts[key])
        if texts["written_by"]:
            pdf.paragraph(_("Written by: %(who)s", who=texts["written_by"]["title"]), size=8)
        if row["walks"]:
            pdf.paragraph(
                _("Walks:")
                + " "
                + ", ".join(f"{w['title']} ({r.walk_time(w['starts_at'])})" for w in row["walks"]),
                size=9,
            )
        if row["activities"]:
            pdf.ruled_table(
                [_("Date"), _("Activity"), _("Number"), _("Quantity")],
                [
                    [
                        r.day(a["done_on"], "short"),
                        r.activity_kind(a["kind"]),
                        a["count"],
                        r.quantity(a),
                    ]
                    for a in row["activities"]
                ],
                [26, 80, 22, 46],
            )


def _walks(pdf: ReportDocument, report: dict) -> None:
    observations, actions = report["observations"], report["actions"]
    pdf.heading(_("Walks and observations"), 2)
    pdf.paragraph(
        ngettext(
            "%(num)d walk held in the period.",
            "%(num)d walks held in the period.",
            len(report["walks"]),
        )
        + " "
        + ngettext("%(num)d observation.", "%(num)d observations.", observations["total"])
        + " "
        + ngettext(
            "%(num)d place that feels safe.",
            "%(num)d places that feel safe.",
            observations["safe_places"],
        )
    )
    if report["walks"]:
        pdf.ruled_table(
            [_("Walk"), _("When"), _("Where")],
            [
                [w["title"], r.walk_time(w["starts_at"]), w["locality"] or ""]
                for w in report["walks"]
            ],
            [80, 54, 40],
        )
    largest = max((c["count"] for c in observations["by_category"]), default=0)
    for entry in observations["by_category"]:
        pdf.bar(r.category(entry), entry["count"], largest)
    pdf.heading(_("What was done"), 2)
    pdf.ruled_table(
        [_("Figure"), _("Value")],
        [
            [_("Assessed observations"), f"{observations['assessed']} / {observations['total']}"],
            [_("Referred to others"), observations["referred"]],
            [_("Closed without action"), observations["no_action"]],
            [_("Actions"), actions["total"]],
            [
                _("Fixed within the due date"),
                _(
                    "%(percent)s (%(part)d of %(whole)d due or fixed)",
                    percent=r.percent(actions["share_fixed_in_time"]),
                    part=actions["fixed_in_time"],
                    whole=actions["judged"],
                ),
            ],
            [_("Not yet due"), actions["not_yet_due"]],
            [_("Median days to fix"), r.decimal(actions["median_days_to_fix"])],
        ],
        [110, 64],
    )
    if observations["no_action_reasons"]:
        pdf.heading(_("Why some observations lead to no action"), 3)
        for reason in observations["no_action_reasons"]:
            pdf.paragraph(f"- {reason}")


def _frame(pdf: ReportDocument, report: dict) -> None:
    situation = report["situation"]
    if situation["text"] or situation["report"]:
        pdf.heading(_("Situation picture"), 2)
        pdf.paragraph(situation["text"])
        if situation["report"]:
            lagesbild = situation["report"]
            pdf.paragraph(f"{lagesbild['title']} ({r.day(lagesbild['dated_on'])})", style="B")
            pdf.paragraph(lagesbild["summary"])
            for source in lagesbild["sources"]:
                pdf.paragraph(f"{r.source_kind(source['kind'])}: {source['text']}", size=9)
    if report["focus_areas"]:
        pdf.heading(_("Focus areas"), 2)
        for area in report["focus_areas"]:
            pdf.paragraph(f"- {area}")
    signatories = report["signatories"]
    if signatories["lines"]:
        pdf.heading(_("Signed by"), 2)
        for line in signatories["lines"]:
            pdf.paragraph(line)
        if signatories["signed_on"]:
            pdf.paragraph(r.day(signatories["signed_on"]), size=9)
    if report["contact"]:
        pdf.heading(_("Contact"), 2)
        pdf.paragraph(report["contact"])


def report_pdf(report: dict, *, draft: bool, version: dict | None = None) -> bytes:
    """The report as a PDF; `version` (number, published_at, correction_note) when published."""
    pdf = ReportDocument(f"{report['promise']['title']}: {r.period_name(report)}", draft=draft)
    pdf.paragraph(report["municipality"]["name"], size=9)
    if report["municipality"]["police_area"]:
        pdf.paragraph(report["municipality"]["police_area"], size=9)
    pdf.heading(report["promise"]["title"])
    pdf.paragraph(r.title(report), size=12, style="B")
    pdf.paragraph(
        f"{r.day(report['period']['starts_on'])} - {r.day(report['period']['ends_on'])}. "
        + _("Due %(date)s.", date=r.day(report["period"]["due_on"])),
        size=9,
    )
    if version:
        pdf.paragraph(
            _(
                "Version %(number)d, published %(date)s.",
                number=version["number"],
                date=r.day(version["published_at"][:10]),
            ),
            size=9,
        )
        if version.get("correction_note"):
            pdf.paragraph(_("Correction: %(note)s", note=version["correction_note"]), style="B")
    if report["narrative"]:
        pdf.heading(_("The period in brief"), 2)
        pdf.paragraph(report["narrative"])
    _commitments(pdf, report)
    _walks(pdf, report)
    _frame(pdf, report)
    return bytes(pdf.output())
