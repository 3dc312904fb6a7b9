"""The house rules as functions over a source tree, so tests can also run them on small trees."""

import ast
from collections.abc import Iterator
from pathlib import Path

MAX_LINES = 400
CODE_SUFFIXES = {".py", ".js", ".mjs", ".css", ".html", ".sh"}
CODE_FOLDERS = ("walkapp", "templates", "static", "tests", "bench", "scripts", "frontend")
# The schema's history, and files built or vendored from elsewhere, are not read as code.
NOT_COUNTED = (
    "walkapp/migrations/versions",
    "static/dist",
    "static/vendor",
    "tests/vendor",
    "frontend/node_modules",
)

# The house, bottom floor first. A domain's core (everything but its views and forms) may call the
# services of domains on floors below it only; reads (models, queries, serializers) go anywhere.
# Derived from the import graph of walkapp/: each domain sits above everything it calls.
FLOORS = (
    ("places", "auth", "events", "tiles", "gis"),  # where, who, what happened, maps
    ("photos", "notifications"),  # stored files; queued messages
    ("privacy", "promises", "walks"),  # audit and erasure; agreements and promises; walks
    ("observations", "protocol"),  # what walkers saw; the walk's protocol
    ("actions", "routing", "reports"),  # what is done about it; who must act; the follow-up
    ("open311", "review", "api", "field", "public", "core"),  # pages and APIs over all domains
)
NOT_DOMAINS = {"migrations", "demo"}  # the schema's history; the demo, a tool above every domain
READS = {"models", "queries", "serializers"}  # a row as data reads; it changes nothing
# Top-level modules that assemble the app may import any domain; `scope` reads domain models to
# state the one scoping rule; every other top-level module is the foundation and imports none.
APP_WIRING = {"__init__", "cli", "extensions", "models", "security"}
READS_ONLY = {"scope"}
# Request-bound state: a service is given what it needs (actor, settings, time) instead.
REQUEST_STATE = {"current_app", "request", "session", "g", "current_user"}
# Adapters views and commands call to turn the running app into the plain values services take:
# get_storage() (the app's photo store) and photo_settings() (its limits and detection queue).
APP_BOUND = {"photos/storage.py", "photos/settings.py"}


def is_web(path: Path) -> bool:
    stem = path.stem
    return stem in {"views", "forms"} or stem.endswith(("_views", "_forms"))


def _package(root: Path) -> Path:
    return root / "walkapp"


def domains(root: Path) -> set[str]:
    return {
        p.name
        for p in _package(root).iterdir()
        if (p / "__init__.py").exists() and p.name not in NOT_DOMAINS
    }


def _domain_files(root: Path) -> Iterator[tuple[str, Path]]:
    names = domains(root)
    for path in sorted(_package(root).rglob("*.py")):
        parts = path.relative_to(_package(root)).parts
        if len(parts) >= 2 and parts[0] in names:
            yield parts[0], path


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at the top or inside a function: (line, dotted name)."""
    return sorted(set(_imports(path, root)))


def _imports(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    package = _package(root)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                parts = [*node.module.split("."), alias.name][1:]
                # `from walkapp.actions import services` names a module, `... import Action` not.
                sub = package.joinpath(*parts)
                is_module = sub.with_suffix(".py").exists() or (sub / "__init__.py").exists()
                yield node.lineno, f"{node.module}.{alias.name}" if is_module else node.module


def service_imports(root: Path) -> list[tuple[str, str, str]]:
    """(from domain, to domain, where) for each import of another domain's non-read module by a
    domain's core (its views and forms are the web layer on top of every domain)."""
    names = domains(root)
    found = []
    for domain, path in _domain_files(root):
        if is_web(path):
            continue
        for line, module in imported_modules(path, root):
            parts = module.split(".")
            if parts[0] != "walkapp" or len(parts) < 2 or parts[1] not in names:
                continue
            if parts[1] == domain or (len(parts) > 2 and parts[2] in READS):
                continue
            where = f"{path.relative_to(root)}:{line} imports {module}"
            found.append((domain, parts[1], where))
    return found


def import_cycles(edges: list[tuple[str, str, str]]) -> list[list[str]]:
    """Cycles in the graph of domains (a -> b when a calls b), each as a path back to its start."""
    graph: dict[str, set[str]] = {}
    for a, b, _where in edges:
        graph.setdefault(a, set()).add(b)
    cycles, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycles.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*path, node])
        done.add(node)

    for start in sorted(graph):
        visit(start, [])
    return cycles


def upward_imports(root: Path, floors=FLOORS) -> list[str]:
    """Imports of the services of a domain on the same floor or above, and domains not housed."""
    floor = {domain: number for number, names in enumerate(floors) for domain in names}
    problems = [f"{d} is on no floor of FLOORS" for d in sorted(domains(root) - floor.keys())]
    for a, b, where in service_imports(root):
        if a in floor and b in floor and floor[b] >= floor[a]:
            problems.append(f"{where}: {b} is not below {a}")
    return problems


def foundation_imports(root: Path) -> list[str]:
    """Top-level modules under the domains that import a domain (reads only for READS_ONLY)."""
    names, problems = domains(root), []
    for path in sorted(_package(root).glob("*.py")):
        if path.stem in APP_WIRING:
            continue
        for line, module in imported_modules(path, root):
            parts = module.split(".")
            if parts[0] != "walkapp" or len(parts) < 2 or parts[1] not in names:
                continue
            if path.stem in READS_ONLY and len(parts) > 2 and parts[2] in READS:
                continue
            problems.append(f"{path.relative_to(root)}:{line} imports {module}")
    return problems


def selects_in_views(root: Path) -> list[str]:
    """Views that build a query themselves (`select(`, `sa.select(`) instead of calling queries."""
    problems = []
    for _domain, path in _domain_files(root):
        if not (path.stem == "views" or path.stem.endswith("_views")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = node.func if isinstance(node, ast.Call) else None
            bare = isinstance(func, ast.Name) and func.id == "select"
            dotted = isinstance(func, ast.Attribute) and func.attr == "select"
            if bare or (dotted and getattr(func.value, "id", None) in {"sa", "sqlalchemy"}):
                problems.append(f"{path.relative_to(root)}:{node.lineno}")
    return problems


def request_state_in_services(root: Path) -> list[str]:
    """A domain's core reaching for the app or the request (current_app, request, session...)."""
    problems = []
    for domain, path in _domain_files(root):
        if is_web(path) or f"{domain}/{path.name}" in APP_BOUND:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("flask", "flask_login"):
                names = sorted(a.name for a in node.names if a.name in REQUEST_STATE)
            elif isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "flask":
                names = [node.attr] if node.attr in REQUEST_STATE else []
            else:
                continue
            if names:
                problems.append(f"{path.relative_to(root)}:{node.lineno} uses {', '.join(names)}")
    return problems


# Where a transaction ends: the one run-and-commit helper of the views, and the jobs that run
# outside a request (the CLI, sending mail, the photo detector's thread, the demo, migrations).
COMMITTERS = (
    "walkapp/web.py",
    "walkapp/cli.py",
    "walkapp/notifications/sending.py",
    "walkapp/photos/detection.py",
    "walkapp/demo/",
    "walkapp/migrations/",
)


def _sqlite_file(value: ast.AST) -> bool:
    """`sqlite3.connect(...)`: a file the code writes itself (a GeoPackage), not the app's data."""
    func = value.func if isinstance(value, ast.Call) else None
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "connect"
        and getattr(func.value, "id", None) == "sqlite3"
    )


def _commits(body: list[ast.stmt]) -> Iterator[int]:
    """Lines of `.commit()` calls in one function's own body (nested functions are their own),
    except on a name the function bound to a sqlite3 file: that commit ends the file's writing."""
    nodes, stack = [], list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _commits(node.body if isinstance(node.body, list) else [node.body])
            continue
        nodes.append(node)
        stack.extend(ast.iter_child_nodes(node))
    files = set()
    for node in nodes:
        if isinstance(node, ast.Assign) and _sqlite_file(node.value):
            files.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.withitem) and _sqlite_file(node.context_expr):
            files.update(t.id for t in [node.optional_vars] if isinstance(t, ast.Name))
    for node in nodes:
        func = node.func if isinstance(node, ast.Call) else None
        is_commit = isinstance(func, ast.Attribute) and func.attr == "commit"
        if is_commit and getattr(func.value, "id", None) not in files:
            yield node.lineno


def commits_outside_jobs(root: Path) -> list[str]:
    """`.commit()` anywhere else: services flush, views call web.commit_service."""
    problems = []
    for path in sorted(_package(root).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(COMMITTERS):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [f"{relative}:{line}" for line in sorted(_commits(tree.body))]
    return problems


# Types that say nothing of what they hold: a command taking one leaves its caller to guess the
# keys (`data: dict`), and `**values` with a setattr loop lets any caller set any column.
BARE_CONTAINERS = {"dict", "list", "set", "frozenset", "tuple", "Mapping", "Sequence", "Iterable"}
ANYTHING = {"Any", "object"}  # as the argument's type; `dict[str, object]` still names its keys


def _name(node: ast.AST) -> str | None:
    return getattr(node, "id", None) or getattr(node, "attr", None)


def _union(annotation: ast.expr) -> list[ast.expr]:
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _union(annotation.left) + _union(annotation.right)
    return [annotation]


def _loose(annotation: ast.expr) -> str | None:
    """A bare container anywhere in an annotation (`list[dict]`), or Any as the type itself."""
    nodes = list(ast.walk(annotation))
    subscripted = {id(node.value) for node in nodes if isinstance(node, ast.Subscript)}
    for node in nodes:
        if _name(node) in BARE_CONTAINERS and id(node) not in subscripted:
            return _name(node)
    return next((_name(m) for m in _union(annotation) if _name(m) in ANYTHING), None)


def loose_command_arguments(root: Path) -> list[str]:
    """Commands whose arguments are not typed: public functions of a domain's services.py, and
    any other public function of a domain's core that takes `db` first, with **kwargs, an
    argument without a type, or one typed as a bare container (`data: dict`, `points: list`);
    and `setattr(` anywhere in a domain's core, the loop that copies what a caller sent."""
    problems = []
    for _domain, path in _domain_files(root):
        if is_web(path) or path.stem in READS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [
            f"{path.relative_to(root)}:{node.lineno} sets attributes by name"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _name(node.func) == "setattr"
        ]
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            if path.stem != "services" and (not params or params[0].arg != "db"):
                continue
            where = f"{path.relative_to(root)}:{node.lineno} {node.name}"
            if args.kwarg is not None:
                problems.append(f"{where} takes **{args.kwarg.arg}")
            for param in [*params, *([args.vararg] if args.vararg else [])]:
                if param.annotation is None:
                    problems.append(f"{where}: {param.arg} has no type")
                elif loose := _loose(param.annotation):
                    problems.append(f"{where}: {param.arg} is a bare {loose}")
    return problems


def long_files(root: Path, max_lines: int = MAX_LINES) -> list[str]:
    problems = []
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.suffix not in CODE_SUFFIXES or relative.startswith(NOT_COUNTED):
                continue
            if "__pycache__" in path.parts or not path.is_file():
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > max_lines:
                problems.append(f"{relative} ({lines} lines)")
    return sorted(problems)
