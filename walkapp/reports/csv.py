"""A report dict's figures as CSV rows (section; item; value; target; to date), decimal comma."""

import io

from flask_babel import gettext as _

from walkapp import csvsafe
from walkapp.reports import render as r


def _number(value):
    """Integers as they are; a fraction with a decimal comma, as a Swedish spreadsheet reads it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return value


def report_csv(report: dict) -> str:
    """The same figures as the page and the PDF; text cells go through csvsafe."""
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer, delimiter=";")
    writer.writerow([_("Section"), _("Item"), _("Value"), _("Target"), _("To date")])
    for row in report["commitments"]:
        writer.writerow(
            [
                _("Commitment"),
                row["text"],
                row["period_done"],
                _number(row["target"]),
                row["to_date"],
            ]
        )
        for activity in row["activities"]:
            writer.writerow(
                [
                    _("Activity"),
                    f"{r.day(activity['done_on'], 'short')} {r.activity_kind(activity['kind'])}",
                    activity["count"],
                    _number(activity["quantity"]),
                    "",
                ]
            )
    observations, actions = report["observations"], report["actions"]
    writer.writerow([_("Walks"), _("Held in the period"), len(report["walks"]), "", ""])
    writer.writerow([_("Observations"), _("All"), observations["total"], "", ""])
    for entry in observations["by_category"]:
        writer.writerow([_("Category"), r.category(entry), entry["count"], "", ""])
    for entry in observations["by_group"]:
        writer.writerow([_("Category group"), r.group(entry["group"]), entry["count"], "", ""])
    for name, value in [
        (_("Places that feel safe"), observations["safe_places"]),
        (_("Assessed observations"), observations["assessed"]),
        (_("Referred to others"), observations["referred"]),
        (_("Closed without action"), observations["no_action"]),
        (_("Actions"), actions["total"]),
        (_("Actions fixed"), actions["fixed"]),
        (_("Fixed within the due date"), actions["fixed_in_time"]),
        (_("Fixed late"), actions["fixed_late"]),
        (_("Overdue"), actions["overdue"]),
        (_("Not yet due"), actions["not_yet_due"]),
        (_("Fixed within the due date (%)"), actions["share_fixed_in_time"]),
        (_("Median days to fix"), actions["median_days_to_fix"]),
    ]:
        writer.writerow([_("Figures"), name, _number(value), "", ""])
    return "\ufeff" + buffer.getvalue()
