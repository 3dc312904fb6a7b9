"""The follow-up report as a PDF: the same figures as the page, for filing and sending."""

from flask_babel import format_date
from flask_babel import gettext as _

from walkapp.labels import label
from walkapp.observations.models import CategoryGroup
from walkapp.pdf import Document
from walkapp.promises.models import FollowUp, Promise
from walkapp.promises.services import ReportFigures


def _percent(value: int | None) -> str:
    return "-" if value is None else f"{value} %"


def report_pdf(
    promise: Promise, period_title: str, follow_up: FollowUp | None, figures: ReportFigures
) -> bytes:
    period = figures.period
    pdf = Document(
        _("Follow-up: %(promise)s, %(period)s", promise=promise.title, period=period_title),
    )
    pdf.paragraph(promise.municipality.name, size=9)
    pdf.heading(promise.title)
    pdf.paragraph(
        _(
            "Follow-up for %(period)s (%(start)s - %(end)s)",
            period=period_title,
            start=format_date(period.starts_on, "medium"),
            end=format_date(period.ends_on, "medium"),
        ),
        size=11,
        style="B",
    )
    if follow_up is not None and follow_up.narrative:
        pdf.heading(_("The period in brief"), 2)
        pdf.paragraph(follow_up.narrative)

    pdf.heading(_("Commitments"), 2)
    pdf.ruled_table(
        [_("Commitment"), _("In the period"), _("To date"), _("Target")],
        [
            [
                f"{row.commitment.position}. {row.commitment.text}",
                row.done,
                figures.to_date[row.commitment.id].done,
                row.target or "-",
            ]
            for row in figures.commitments
        ],
        [110, 22, 20, 22],
    )
    for row in figures.commitments:
        to_date = figures.to_date[row.commitment.id]
        if row.target:
            pdf.bar(
                f"{row.commitment.position}. {label(row.commitment.activity_kind)}",
                to_date.done,
                row.target,
                f"{to_date.done} / {row.target}",
            )

    pdf.heading(_("Walks and observations"), 2)
    pdf.paragraph(
        _(
            "%(walks)d walks held in the period, %(observations)d observations, "
            "%(safe)d places that feel safe.",
            walks=len(figures.walks),
            observations=figures.observation_count,
            safe=figures.safe_places,
        )
    )
    largest = max((count for _c, count in figures.by_category), default=0)
    for category, count in figures.by_category:
        pdf.bar(category.label_sv, count, largest)
    if figures.by_group:
        pdf.ruled_table(
            [_("Category group"), _("Observations")],
            [[label(CategoryGroup(code)), count] for code, count in figures.by_group],
            [120, 54],
        )

    pdf.heading(_("What was done"), 2)
    pdf.ruled_table(
        [_("Figure"), _("Value")],
        [
            [_("Observations decided"), _percent(figures.share_decided)],
            [_("Observations referred to others"), _percent(figures.share_referred)],
            [_("Closed without action"), figures.no_action],
            [_("Actions"), figures.action_count],
            [_("Actions fixed within the target time"), _percent(figures.share_fixed_in_time)],
            [
                _("Median days to fix"),
                "-" if figures.median_days_to_fix is None else f"{figures.median_days_to_fix}",
            ],
        ],
        [120, 54],
    )
    if figures.no_action_reasons:
        pdf.heading(_("Why some observations lead to no action"), 3)
        for reason in figures.no_action_reasons:
            pdf.paragraph(f"- {reason}")
    return bytes(pdf.output())
