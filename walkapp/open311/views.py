"""Open311 GeoReport v2 at /open311/v2/, in XML (required by the spec) and JSON.

Never authenticated by cookie and exempt from CSRF: a POST carries its api_key instead.
"""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _

from walkapp.db import get_db
from walkapp.errors import DomainError
from walkapp.extensions import csrf, limiter
from walkapp.labels import label
from walkapp.observations import serializers
from walkapp.observations.models import Observation, Polarity
from walkapp.open311 import forms, queries, services
from walkapp.open311.services import Open311Error
from walkapp.security import public
from walkapp.web import ErrorRenderer, commit_service

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
csrf.exempt(bp)
FORMATS = {"xml": "text/xml", "json": "application/json"}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The XML name of the items of each list, as the spec's examples name them.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "service_definition": "service_definition",
}


_time = serializers.utc_seconds


def _xml(root: str, items, item: str) -> bytes:
    def build(parent, name, value):
        element = ET.SubElement(parent, name)
        if isinstance(value, dict):
            for key, inner in value.items():
                build(element, key, inner)
        elif isinstance(value, list):
            for inner in value:
                build(element, ITEMS.get(name, "item"), inner)
        elif value is None:
            pass
        elif isinstance(value, bool):
            element.text = "true" if value else "false"
        else:
            element.text = str(value)

    top = ET.Element(root)
    if isinstance(items, dict):
        for key, value in items.items():
            build(top, key, value)
    else:
        for value in items:
            build(top, item, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")


def _answer(fmt: str, root: str, payload, status: int = 200) -> Response:
    """JSON lists stay top-level arrays, as the spec has them; XML gets the spec's root."""
    if fmt == "xml":
        body = _xml(root, payload, ITEMS.get(root, "item"))
        return Response(body, status=status, mimetype="text/xml")
    response = jsonify(payload)
    response.status_code = status
    return response


def _error(fmt: str, status: int, description: str) -> Response:
    return _answer(
        fmt if fmt in FORMATS else "json",
        "errors",
        [{"code": status, "description": description}],
        status,
    )


def open311_error(fmt: str) -> ErrorRenderer:
    """The error renderer for Open311: the spec's error list, in the request's format."""
    return lambda error: _error(fmt, error.status_code, str(error.message))


def _run(fmt: str, work):
    """Format check, the work, and every domain error in the spec's shape; commit on success."""
    if fmt not in FORMATS:
        return _error("json", 400, "The format is xml or json.")
    db = get_db()

    def call():
        # Answers to other systems are in the municipality's language, whatever the browser says.
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            return work(db)

    response, refusal = commit_service(db, call, render=open311_error(fmt))
    return refusal.response if refusal is not None else response


@bp.errorhandler(DomainError)
def spec_shaped_error(error: DomainError):
    """Errors raised before a view runs (the app's checks of every request) in the spec's shape."""
    return open311_error((request.view_args or {}).get("fmt", "json"))(error)


def _int_list(name: str) -> tuple[int, ...]:
    raw = request.args.get(name) or ""
    try:
        numbers = tuple(int(part) for part in raw.split(",") if part.strip())
    except ValueError:
        numbers = (-1,)
    if any(not 0 < number < 2**31 for number in numbers):
        raise Open311Error(400, f"{name} is a comma-separated list of ids.")
    return numbers


def _str_list(name: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (request.args.get(name) or "").split(",") if part.strip())


@bp.route("/discovery.<fmt>")
@public
def discovery(fmt: str):
    def work(_db):
        return _answer(
            fmt,
            "discovery",
            {
                "changeset": "2026-11-23T00:00:00Z",
                "contact": current_app.config["MAIL_FROM"],
                "key_service": "Ask the municipality's walkapp administrator for an api_key.",
                "endpoints": [
                    {
                        "specification": SPECIFICATION,
                        "url": url_for("open311.discovery", fmt=fmt, _external=True).rsplit("/", 1)[
                            0
                        ],
                        "changeset": "2026-11-23T00:00:00Z",
                        "type": "production",
                        "formats": list(FORMATS.values()),
                    }
                ],
            },
        )

    return _run(fmt, work)


def _service(category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.label_sv,
        "description": category.label_en,
        "metadata": True,
        "type": "realtime",
        "keywords": category.code.replace("_", ","),
        "group": label(category.group),
    }


@bp.route("/services.<fmt>")
@public
def service_list(fmt: str):
    def work(db):
        services.find_jurisdiction(db, request.args.get("jurisdiction_id"))
        return _answer(fmt, "services", [_service(c) for c in queries.active_categories(db)])

    return _run(fmt, work)


def _definition(category) -> dict:
    """Our two attributes: what kind of observation it is, and how serious."""
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": "polarity",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "problem, proposal or positive (a place that feels safe)",
                "order": 1,
                "description": "Problem, förslag eller trygg plats",
                "values": [{"key": p.value, "name": label(p)} for p in Polarity],
            },
            {
                "variable": True,
                "code": "severity",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "1 small, 2 medium, 3 serious",
                "order": 2,
                "description": "Allvarlighetsgrad",
                "values": [{"key": str(n), "name": str(n)} for n in (1, 2, 3)],
            },
        ],
    }


@bp.route("/services/<code>.<fmt>")
@public
def service_definition(code: str, fmt: str):
    def work(db):
        services.find_jurisdiction(db, request.args.get("jurisdiction_id"))
        return _answer(fmt, "service_definition", _definition(services.find_service(db, code)))

    return _run(fmt, work)


def _request(observation: Observation, details: queries.RequestDetails) -> dict:
    walk = observation.walk
    media_url = None
    if details.photo_id is not None and walk is not None:
        media_url = url_for(
            "protocol.photo",
            token=walk.public_token,
            photo_id=details.photo_id,
            version=details.photo_version,
            variant="public",
            _external=True,
        )
    notes = label(observation.status)
    if details.referral is not None:
        notes += " – " + _(
            "Referred to %(organisation)s (%(status)s)",
            organisation=details.referral.organisation.name,
            status=label(details.referral.status).lower(),
        )
    if details.public_note:
        notes += f": {details.public_note}"
    data = serializers.as_dict(observation)
    return {
        "service_request_id": str(data["id"]),
        "status": "open" if observation.status in services.OPEN else "closed",
        "status_notes": notes,
        "service_name": observation.category.label_sv,
        "service_code": data["category"],
        "description": data["published_note"] or "",
        "agency_responsible": ", ".join(details.agencies),
        "service_notice": "",
        "requested_datetime": _time(observation.received_at),
        "updated_datetime": _time(details.updated_at or observation.received_at),
        "expected_datetime": f"{details.expected_on.isoformat()}T00:00:00Z"
        if details.expected_on
        else None,
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": data["lat"],
        "long": data["lon"],
        "media_url": media_url,
    }


def _requests(db, observations) -> list[dict]:
    details = queries.request_details(db, observations)
    return [_request(o, details[o.id]) for o in observations]


@bp.route("/requests.<fmt>", methods=["GET"])
@public
def request_list(fmt: str):
    def work(db):
        municipality = services.find_jurisdiction(db, request.args.get("jurisdiction_id"))
        try:
            page = int(request.args.get("page", 1))
            page_size = int(request.args.get("page_size", services.MAX_ROWS))
        except ValueError:
            raise Open311Error(400, "page and page_size are numbers.") from None
        query = services.RequestQuery(
            ids=_int_list("service_request_id"),
            service_codes=_str_list("service_code"),
            statuses=_str_list("status"),
            start=services.parse_datetime(request.args.get("start_date"), "start_date"),
            end=services.parse_datetime(request.args.get("end_date"), "end_date"),
            page=page,
            page_size=page_size,
        )
        rows = services.find_requests(db, municipality, query, datetime.now(UTC))
        return _answer(fmt, "service_requests", _requests(db, rows))

    return _run(fmt, work)


@bp.route("/requests.<fmt>", methods=["POST"])
@public
@limiter.limit("60 per minute")
def create_request(fmt: str):
    def work(db):
        municipality = services.find_jurisdiction(db, request.form.get("jurisdiction_id"))
        api_key = services.check_api_key(db, request.form.get("api_key"), municipality)
        category = services.find_service(db, request.form.get("service_code") or "")
        sent = forms.service_request(request.form, category)
        observation = services.create_request(db, api_key, municipality, sent)
        return _answer(
            fmt,
            "service_requests",
            [
                {
                    "service_request_id": str(observation.id),
                    "token": str(observation.client_uuid),
                    "service_notice": "The municipality's safety chief assesses the report.",
                    "account_id": None,
                }
            ],
            201,
        )

    return _run(fmt, work)


@bp.route("/requests/<request_id>.<fmt>")
@public
def request_detail(request_id: str, fmt: str):
    def work(db):
        municipality = services.find_jurisdiction(db, request.args.get("jurisdiction_id"))
        if not request_id.isdigit() or int(request_id) >= 2**31:
            raise Open311Error(404, "Unknown service_request_id.")
        rows = services.find_requests(
            db, municipality, services.RequestQuery(ids=(int(request_id),)), datetime.now(UTC)
        )
        if not rows:
            raise Open311Error(404, "Unknown service_request_id.")
        return _answer(fmt, "service_requests", _requests(db, rows))

    return _run(fmt, work)


@bp.route("/tokens/<token>.<fmt>")
@public
def token(token: str, fmt: str):
    def work(db):
        observation = services.find_by_token(db, token)
        return _answer(
            fmt,
            "service_requests",
            [{"service_request_id": str(observation.id), "token": token}],
        )

    return _run(fmt, work)
