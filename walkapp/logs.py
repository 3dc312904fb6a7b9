"""One structured log line per request (JSON), for log shipping from several app servers."""

import json
import logging
import time

from flask import Flask, g, request
from flask_login import current_user

logger = logging.getLogger("walkapp.requests")


def _start():
    g.request_started = time.perf_counter()


def _log(response):
    started = g.get("request_started")
    record = {
        "method": request.method,
        # The path only: query strings may hold join codes or e-mail addresses.
        "path": request.path,
        "endpoint": request.endpoint,
        "status": response.status_code,
        "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "bytes": response.calculate_content_length(),
        "user": current_user.get_id() if current_user and current_user.is_authenticated else None,
        "remote": request.remote_addr,
    }
    logger.info(json.dumps(record, separators=(",", ":")))
    return response


def init_app(app: Flask) -> None:
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    if app.config.get("REQUEST_LOG", True):
        app.before_request(_start)
        app.after_request(_log)
