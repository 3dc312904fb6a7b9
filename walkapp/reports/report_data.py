"""Everything a follow-up report states, as one JSON-ready dict: page, PDF, CSV and snapshot."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from walkapp.promises.models import Promise
from walkapp.promises.periods import Period, due_on, period_title
from walkapp.reports.figures import commitment_figures, iso, walk_figures
from walkapp.reports.models import FollowUp, FollowUpStatus

SCHEMA = 1


def _situation(promise: Promise) -> dict:
    report = promise.situation_report
    return {
        "text": promise.situation_text or "",
        "report": None
        if report is None
        else {
            "title": report.title,
            "dated_on": iso(report.dated_on),
            "summary": report.summary or "",
            "sources": [
                {"kind": str(s.get("kind", "")), "text": str(s.get("text", ""))}
                for s in (report.sources or [])
                if isinstance(s, dict)
            ],
            "walks_from": iso(report.walks_from),
            "walks_to": iso(report.walks_to),
            "walk_figures": report.walk_figures,
        },
    }


def period_dict(promise: Promise, period: Period, follow_up: FollowUp | None, today: date) -> dict:
    return {
        "key": period.key,
        "kind": period.kind,
        "number": period.number,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "nominal_start": period.nominal_start.isoformat(),
        "nominal_end": period.nominal_end.isoformat(),
        "is_year_end": period.is_year_end,
        "has_ended": period.has_ended(today),
        "due_on": due_on(promise, period, follow_up).isoformat(),
    }


def report_data(
    db: Session,
    promise: Promise,
    period: Period,
    follow_up: FollowUp | None,
    *,
    as_of: datetime,
    timezone: str,
    staff: bool = False,
) -> dict:
    """Everything the period's report states, counting only what existed at `as_of`.

    The same dict is rendered as page, PDF and CSV and stored as the published snapshot;
    `staff=True` adds activity notes and writers' names, which never go public.
    """
    municipality = promise.municipality
    today = as_of.astimezone(ZoneInfo(timezone)).date()
    return {
        "schema": SCHEMA,
        "staff": staff,
        "as_of": as_of.isoformat(),
        "title": f"{promise.title}: {period_title(period)}",
        "promise": {
            "id": promise.id,
            "title": promise.title,
            "starts_on": promise.starts_on.isoformat(),
            "ends_on": promise.ends_on.isoformat(),
            "follow_up_kind": str(promise.follow_up_kind),
        },
        "municipality": {
            "name": municipality.name,
            "slug": municipality.slug,
            "police_area": municipality.police_area.name if municipality.police_area else "",
            "chief_title": municipality.chief_title or "",
        },
        "period": period_dict(promise, period, follow_up, today),
        "status": str(follow_up.status if follow_up else FollowUpStatus.DRAFT),
        "narrative": follow_up.narrative if follow_up else "",
        "situation": _situation(promise),
        "focus_areas": list(promise.focus_areas or []),
        "signatories": {
            "lines": [line.strip() for line in (promise.signed_by or "").splitlines() if line],
            "signed_on": iso(promise.signed_on),
        },
        "contact": promise.contact or "",
        "commitments": commitment_figures(
            db, promise, period, follow_up, as_of=as_of, timezone=timezone, staff=staff
        ),
        **walk_figures(
            db, promise, period.starts_on, period.ends_on, as_of=as_of, timezone=timezone
        ),
    }


def public_part(report: dict) -> dict:
    """The report without anything only staff may read (a snapshot is always stored so)."""
    public = {**report, "staff": False}
    public["commitments"] = [
        {
            **row,
            "activities": [
                {k: v for k, v in a.items() if k not in ("note", "by")} for a in row["activities"]
            ],
            "texts": {
                **row["texts"],
                "written_by": None
                if row["texts"]["written_by"] is None
                else {k: v for k, v in row["texts"]["written_by"].items() if k != "name"},
            },
        }
        for row in report["commitments"]
    ]
    return public
