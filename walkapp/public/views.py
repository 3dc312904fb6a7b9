"""A municipality's public page (/p/<slug>/) and Atom feed: signed promises, published versions.

Only published rows are read (signed promises, FollowUpVersion snapshots): drafts, unpublished
follow-ups, activity notes and the names of residents never reach these views.
"""

from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from walkapp.db import get_db
from walkapp.promises import queries as promise_queries
from walkapp.promises.models import Promise
from walkapp.promises.periods import find_period, period_title
from walkapp.promises.situation_views import light_label, source_label
from walkapp.public.feed import MIMETYPE, Entry, Link, atom_feed
from walkapp.reports import queries as report_queries
from walkapp.reports.models import FollowUpVersion
from walkapp.security import public

bp = Blueprint("public_pages", __name__, url_prefix="/p")
# Published versions change only when someone publishes: a few minutes' staleness is harmless
# and spares the server when a municipality's website polls the feed.
PAGE_MAX_AGE = 300
FEED_MAX_AGE = 600
FEED_ENTRIES = 100


@dataclass(frozen=True)
class Published:
    """One published follow-up on the public page: its newest version and how many came before."""

    version: FollowUpVersion
    title: str
    earlier: int

    @property
    def link_args(self) -> dict:
        follow_up = self.version.follow_up
        return {
            "slug": follow_up.promise.municipality.slug,
            "promise_id": follow_up.promise_id,
            "period_key": follow_up.period_label,
        }


def _municipality_or_404(slug: str):
    municipality = promise_queries.public_municipality(get_db(), slug)
    if municipality is None:
        abort(404)
    return municipality


def _period_title(version: FollowUpVersion) -> str:
    follow_up = version.follow_up
    period = find_period(follow_up.promise, follow_up.period_label)
    return period_title(period) if period is not None else follow_up.period_label


def _entry_title(version: FollowUpVersion) -> str:
    """The title as published (the snapshot's), else the promise and the period."""
    title = (version.snapshot or {}).get("title")
    if not isinstance(title, str) or not title:
        title = f"{version.follow_up.promise.title}: {_period_title(version)}"
    if version.number > 1:
        title = _("%(title)s (correction, version %(number)d)", title=title, number=version.number)
    return title


def _sort_key(published: Published):
    return published.version.follow_up.starts_on, published.version.follow_up.ends_on


@bp.route("/<slug>/")
@public
def index(slug: str):
    db = get_db()
    municipality = _municipality_or_404(slug)
    versions = report_queries.public_versions_of_municipality(db, municipality)
    newest: dict[int, FollowUpVersion] = {}
    counts: dict[int, int] = {}
    for version in versions:
        counts[version.follow_up_id] = counts.get(version.follow_up_id, 0) + 1
        current = newest.get(version.follow_up_id)
        if current is None or version.number > current.number:
            newest[version.follow_up_id] = version
    by_promise: dict[int, list[Published]] = {}
    for follow_up_id, version in newest.items():
        by_promise.setdefault(version.follow_up.promise_id, []).append(
            Published(version, _period_title(version), counts[follow_up_id] - 1)
        )
    promises: list[Promise] = promise_queries.public_promises(
        db, municipality, with_ids=by_promise.keys()
    )
    response = Response(
        render_template(
            "public/index.html",
            municipality=municipality,
            promises=[
                (promise, sorted(by_promise.get(promise.id, []), key=_sort_key))
                for promise in promises
            ],
            source_label=source_label,
            light_label=light_label,
            feed_url=url_for("public_pages.feed", slug=municipality.slug),
        )
    )
    # The page shows a logged-in user's name in its header: only anonymous answers are shared.
    if current_user.is_authenticated:
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = f"public, max-age={PAGE_MAX_AGE}"
    return response


def _entry(version: FollowUpVersion) -> Entry:
    follow_up = version.follow_up
    args = {
        "slug": follow_up.promise.municipality.slug,
        "promise_id": follow_up.promise_id,
        "period_key": follow_up.period_label,
        "number": version.number,
        "_external": True,
    }
    page = url_for("public_reports.show", **args)
    narrative = (version.snapshot or {}).get("narrative")
    summary = [
        _(
            "Published follow-up of the citizen promise %(promise)s, %(period)s.",
            promise=follow_up.promise.title,
            period=_period_title(version),
        )
    ]
    if version.number > 1 and version.correction_note:
        summary.append(_("Correction: %(note)s", note=version.correction_note))
    if isinstance(narrative, str) and narrative.strip():
        summary.append(narrative.strip())
    return Entry(
        id=page,
        title=_entry_title(version),
        published=version.published_at,
        links=[
            Link(page, "text/html"),
            Link(url_for("public_reports.pdf", **args), "application/pdf", title=_("PDF")),
            Link(url_for("public_reports.csv", **args), "text/csv", title=_("CSV")),
        ],
        summary="\n\n".join(summary),
        categories=[follow_up.period_label],
    )


@bp.route("/<slug>/feed.atom")
@public
def feed(slug: str):
    """Every published version, corrections too, newest first: one entry each."""
    db = get_db()
    municipality = _municipality_or_404(slug)
    versions = report_queries.public_versions_of_municipality(db, municipality, limit=FEED_ENTRIES)
    language = current_app.config["BABEL_DEFAULT_LOCALE"]
    # The feed is read by websites, not people with a language setting: always Swedish.
    with force_locale(language):
        body = atom_feed(
            feed_id=url_for("public_pages.index", slug=municipality.slug, _external=True),
            title=_("Citizen promises of %(municipality)s", municipality=municipality.name),
            subtitle=_(
                "Published follow-ups of the citizen promises of the municipality and the police."
            ),
            author=municipality.name,
            self_url=url_for("public_pages.feed", slug=municipality.slug, _external=True),
            page_url=url_for("public_pages.index", slug=municipality.slug, _external=True),
            updated=versions[0].published_at if versions else municipality.created_at,
            entries=[_entry(version) for version in versions],
            language=language,
        )
    response = Response(body, mimetype=MIMETYPE)
    response.headers["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    if versions:
        response.last_modified = versions[0].published_at
    response.add_etag()
    return response.make_conditional(request)
