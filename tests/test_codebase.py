"""House rules the reviewers would otherwise check by eye, each shown failing on a violation."""

import ast
from pathlib import Path

from tests import codebase_rules as rules

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    path
    for folder in ("walkapp", "tests", "bench", "scripts")
    for path in (ROOT / folder).rglob("*.py")
    if "vendor" not in path.parts
] + [ROOT / "hatch_build.py"]


def test_every_module_starts_with_a_one_line_docstring():
    offenders = []
    for path in SOURCES:
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not docstring or not docstring.splitlines()[0].strip():
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"add a one-line docstring to: {offenders}"


def test_nothing_is_loaded_from_a_cdn():
    hosts = (
        "cdn.jsdelivr",
        "unpkg.com",
        "cdnjs.cloudflare",
        "code.jquery.com",
        "bootstrapcdn",
        "ajax.googleapis",
        "fonts.googleapis",
    )
    for path in (ROOT / "walkapp").rglob("*"):
        if path.suffix in {".html", ".js", ".css", ".py"} and "vendor" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert not any(host in text for host in hosts), path


def _tree(root: Path, files: dict[str, str]) -> Path:
    """A small synthetic source tree: walkapp/ with the given files (packages get __init__.py)."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for folder in path.relative_to(root).parents:
            if folder.parts and folder.parts[0] == "walkapp":
                (root / folder / "__init__.py").touch()
    return root


def test_views_leave_reads_to_queries():
    assert not rules.selects_in_views(ROOT), "move these reads into the domain's queries.py"


def test_a_select_in_a_view_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "walkapp/walks/views.py": "from sqlalchemy import select\nq = select(Walk)\n",
            "walkapp/walks/report_views.py": "import sqlalchemy as sa\nq = sa.select(Walk)\n",
            "walkapp/walks/queries.py": "from sqlalchemy import select\nq = select(Walk)\n",
            "walkapp/places/views.py": '"""Not select(Place) here."""\nsoup.select("a")\n',
        },
    )
    assert rules.selects_in_views(root) == [
        "walkapp/walks/report_views.py:2",
        "walkapp/walks/views.py:2",
    ]


def test_services_are_given_settings_and_time_not_the_app_or_request():
    assert not rules.request_state_in_services(ROOT), "pass settings, time and the actor in"


def test_the_app_or_request_in_a_service_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "walkapp/auth/services.py": "from flask import current_app, jsonify\n",
            "walkapp/auth/reminders.py": "import flask\nflask.request.args\n",
            "walkapp/auth/links.py": "from flask_login import current_user\n",
            "walkapp/auth/views.py": "from flask import current_app, request\n",
            "walkapp/auth/forms.py": "from flask import request\n",
        },
    )
    assert rules.request_state_in_services(root) == [
        "walkapp/auth/links.py:1 uses current_user",
        "walkapp/auth/reminders.py:2 uses request",
        "walkapp/auth/services.py:1 uses current_app",
    ]


def test_only_the_commit_helper_and_the_jobs_commit():
    assert not rules.commits_outside_jobs(ROOT), "views: web.commit_service; services: flush"


def test_a_commit_in_a_view_or_a_service_is_found(tmp_path):
    commit = "def run(db):\n    db.commit()\n"
    root = _tree(
        tmp_path,
        {
            "walkapp/walks/views.py": "def show(db):\n    get_db().commit()\n",
            "walkapp/walks/services.py": commit,
            "walkapp/web.py": commit,
            "walkapp/cli.py": commit,
            "walkapp/notifications/sending.py": commit,
            "walkapp/demo/seed.py": commit,
            "walkapp/migrations/tool.py": commit,
            "walkapp/notifications/services.py": "def queue(db):\n    db.flush()\n",
            # A file the code writes with sqlite3 (a GeoPackage) ends its own transaction...
            "walkapp/gis/writers.py": (
                "def write(path):\n    gpkg = sqlite3.connect(path)\n    gpkg.commit()\n"
            ),
            # ...but that does not excuse the app's session in another function.
            "walkapp/gis/export.py": (
                "def one(path):\n    db = sqlite3.connect(path)\n"
                "def two(db):\n    run = lambda: db.commit()\n"
                "def three(path):\n    with sqlite3.connect(path):\n        get_db().commit()\n"
            ),
        },
    )
    assert rules.commits_outside_jobs(root) == [
        "walkapp/gis/export.py:4",
        "walkapp/gis/export.py:7",
        "walkapp/walks/services.py:2",
        "walkapp/walks/views.py:2",
    ]


def test_commands_take_typed_arguments():
    assert not rules.loose_command_arguments(ROOT), "take a dataclass of typed fields instead"


def test_a_command_taking_a_dict_or_kwargs_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            # The old shapes: the phone's JSON as a dict, and **values copied by setattr.
            "walkapp/observations/services.py": (
                "def record_observation(db: Session, who: Participant, data: dict) -> None: ...\n"
                "def save_promise(db: Session, actor: User, promise: Promise, **values) -> None:\n"
                "    for name, value in values.items():\n"
                "        setattr(promise, name, value)\n"
                "def find_photo(db: Session, sha256: str, *, observation_id=None) -> None: ...\n"
                "def _check(values: dict) -> None: ...\n"
            ),
            "walkapp/walks/services.py": (
                "def record_points(db: Session, key: str, points: list[dict]) -> int: ...\n"
                "def set_route(db: Session, walk: Walk, route: str | dict | None) -> None: ...\n"
                "def tile_source(settings: Mapping) -> str: ...\n"
                "def queue(db: Session, *, key: str, context: dict[str, object]) -> None: ...\n"
                "def add(db: Session, who: Joiner, *, now: datetime | None = None) -> None: ...\n"
                "def note(db: Session, *, value: typing.Any, texts: tuple[str, ...]) -> None: ...\n"
            ),
            # Another command module (it takes db first); a pure helper beside it is no command.
            "walkapp/actions/checks.py": (
                "def record_check(db: Session, data: dict) -> None: ...\n"
                "def verdict_of(data: dict) -> str: ...\n"
            ),
            # The web layer parses what was sent; reads take what they like.
            "walkapp/api/forms.py": "def observation_input(data: dict) -> Input: ...\n",
            "walkapp/walks/queries.py": "def walks(db, actor): ...\n",
        },
    )
    assert rules.loose_command_arguments(root) == [
        "walkapp/actions/checks.py:1 record_check: data is a bare dict",
        "walkapp/observations/services.py:4 sets attributes by name",
        "walkapp/observations/services.py:1 record_observation: data is a bare dict",
        "walkapp/observations/services.py:2 save_promise takes **values",
        "walkapp/observations/services.py:5 find_photo: observation_id has no type",
        "walkapp/walks/services.py:1 record_points: points is a bare dict",
        "walkapp/walks/services.py:2 set_route: route is a bare dict",
        "walkapp/walks/services.py:3 tile_source: settings is a bare Mapping",
        "walkapp/walks/services.py:6 note: value is a bare Any",
    ]


def test_no_source_file_is_over_400_lines():
    assert not rules.long_files(ROOT), "split these files by what their parts do"


def test_a_long_file_is_found_but_not_a_migration_or_a_vendored_one(tmp_path):
    long = "x = 1\n" * 401
    root = _tree(
        tmp_path,
        {
            "walkapp/walks/services.py": long,
            "static/js/field.js": long,
            "walkapp/walks/queries.py": "x = 1\n" * 400,
            "walkapp/migrations/versions/0001_start.py": long,
            "static/vendor/leaflet/leaflet.js": long,
            "static/dist/field.js": long,
            "walkapp/translations/sv/LC_MESSAGES/messages.po": long,
        },
    )
    for folder in rules.CODE_FOLDERS:
        (root / folder).mkdir(exist_ok=True)
    assert rules.long_files(root) == [
        "static/js/field.js (401 lines)",
        "walkapp/walks/services.py (401 lines)",
    ]


def test_no_import_cycle_between_domains():
    cycles = rules.import_cycles(rules.service_imports(ROOT))
    assert not cycles, f"domains calling each other: {cycles}"


def test_a_cycle_hidden_in_a_function_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "walkapp/actions/services.py": "from walkapp.observations.services import move\n",
            "walkapp/observations/services.py": (
                "def reopen():\n    from walkapp.actions.services import sync\n"
            ),
            "walkapp/walks/services.py": "from walkapp.observations import models, queries\n",
            "walkapp/observations/models.py": "from walkapp.walks.models import Walk\n",
            "walkapp/walks/models.py": "",
            "walkapp/walks/queries.py": "from walkapp.observations.models import Observation\n",
        },
    )
    # Reads go both ways (relationships, counts); only calls make the cycle.
    assert rules.import_cycles(rules.service_imports(root)) == [
        ["actions", "observations", "actions"]
    ]


def test_every_domain_has_a_floor_and_calls_only_the_floors_below():
    assert not rules.upward_imports(ROOT), "a domain may call the services of lower floors only"
    assert not rules.foundation_imports(ROOT), "the foundation (db, labels, web...) has no domain"


def test_a_call_upward_or_sideways_and_a_domain_without_a_floor_are_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "walkapp/low/services.py": "from walkapp.high import services\n",
            "walkapp/low/queries.py": "from walkapp.high.queries import open_items\n",
            "walkapp/high/services.py": "from walkapp.low.services import make\n",
            "walkapp/high/views.py": "from walkapp.side import services\n",
            "walkapp/side/services.py": "from walkapp.mid.services import make\n",
            "walkapp/mid/services.py": "",
            "walkapp/high/queries.py": "",
            "walkapp/loose/services.py": "",
        },
    )
    floors = (("low",), ("mid", "side"), ("high",))
    assert rules.upward_imports(root, floors) == [
        "loose is on no floor of FLOORS",
        "walkapp/low/services.py:1 imports walkapp.high.services: high is not below low",
        "walkapp/side/services.py:1 imports walkapp.mid.services: mid is not below side",
    ]


def test_the_foundation_importing_a_domain_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "walkapp/labels.py": "from walkapp.actions.models import ActionStatus\n",
            "walkapp/scope.py": "from walkapp.actions.models import Action\n",
            "walkapp/web.py": "from walkapp.actions import services\n",
            "walkapp/cli.py": "from walkapp.actions import services\n",
            "walkapp/actions/models.py": "",
            "walkapp/actions/services.py": "",
        },
    )
    assert rules.foundation_imports(root) == [
        "walkapp/labels.py:1 imports walkapp.actions.models",
        "walkapp/web.py:1 imports walkapp.actions.services",
    ]


def test_templates_read_labels_from_the_enums():
    from walkapp.actions.models import ActionStatus
    from walkapp.labels import choices, label

    assert label(ActionStatus.DONE) == str(ActionStatus.DONE.label) == "Done"
    assert [c.value for c in choices(ActionStatus)] == [s.value for s in ActionStatus]
