"""House rules the reviewers would otherwise check by eye: module docstrings and no CDN."""

import ast
from pathlib import Path

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
