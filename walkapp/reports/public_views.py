"""Published follow-ups for anyone, without login: only stored versions, never a draft."""

from flask import Blueprint, Response, abort, render_template

from walkapp.db import get_db
from walkapp.reports import queries, render
from walkapp.reports.csv import report_csv
from walkapp.reports.pdf import report_pdf
from walkapp.reports.views import report_map, version_info
from walkapp.security import public

bp = Blueprint("public_reports", __name__, url_prefix="/p")
BASE = "/<slug>/promises/<int:promise_id>/<period_key>"


def _version(slug: str, promise_id: int, period_key: str, number: int | None):
    """The version asked for (the latest by default) and all of them; 404 for anything else."""
    db = get_db()
    versions = queries.public_versions(db, slug, promise_id, period_key)
    version = queries.pick_version(versions, number)
    if version is None:
        abort(404)
    return version, versions


@bp.route(BASE + "/")
@bp.route(BASE + "/v<int:number>/")
@public
def show(slug: str, promise_id: int, period_key: str, number: int | None = None):
    version, versions = _version(slug, promise_id, period_key, number)
    municipality = version.follow_up.promise.municipality
    return render_template(
        "reports/public.html",
        report=version.snapshot,
        version=version_info(version),
        versions=versions,
        slug=slug,
        promise_id=promise_id,
        period_key=period_key,
        map_data=report_map(version.snapshot, municipality),
        r=render.helpers(),
        public=True,
    )


def _name(promise_id: int, period_key: str, number: int, ext: str) -> str:
    return f"uppfoljning-{promise_id}-{period_key}-v{number}.{ext}"


@bp.route(BASE + ".pdf")
@bp.route(BASE + "/v<int:number>.pdf")
@public
def pdf(slug: str, promise_id: int, period_key: str, number: int | None = None):
    version, _versions = _version(slug, promise_id, period_key, number)
    body = report_pdf(version.snapshot, draft=False, version=version_info(version))
    response = Response(body, mimetype="application/pdf")
    name = _name(promise_id, period_key, version.number, "pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.route(BASE + ".csv")
@bp.route(BASE + "/v<int:number>.csv")
@public
def csv(slug: str, promise_id: int, period_key: str, number: int | None = None):
    version, _versions = _version(slug, promise_id, period_key, number)
    response = Response(report_csv(version.snapshot), mimetype="text/csv")
    name = _name(promise_id, period_key, version.number, "csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
