"""The shape of the tree, checked: no import cycles between apps or inside one, no module past
500 lines, and no app reaching another by name lookup (``apps.get_model``/``is_installed``).

Imports are read from the source (``ast``), including imports inside functions: a lazy import
hides a cycle from Python, not from the design.
"""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ontmoetingen"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path, *, module_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else ast.walk(tree)
    targets = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in nodes:
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                targets.add(candidate if candidate in MODULES else base)
    return {target for target in targets if target.startswith("ontmoetingen.")}


def _app(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One import cycle if there is any (graphlib names the nodes on it), else nothing."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        return [error.args[1]]
    return []


def test_no_import_cycle_between_apps():
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        source = _app(name)
        for target in _imports(name, path, module_level_only=False):
            if _app(target) != source:
                graph.setdefault(source, set()).add(_app(target))
    assert _cycles(graph) == []


@pytest.mark.parametrize("app", sorted({_app(name) for name in MODULES if name.count(".") >= 1}))
def test_no_import_cycle_inside_an_app(app):
    graph = {
        name: {
            target
            for target in _imports(name, path, module_level_only=True)
            if _app(target) == app and target in MODULES and target != name
        }
        for name, path in MODULES.items()
        if _app(name) == app
    }
    assert _cycles(graph) == []


def test_no_module_longer_than_the_limit():
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_apps_are_reached_by_import_not_by_name_lookup():
    offenders = [
        name
        for name, path in MODULES.items()
        if any(
            needle in path.read_text(encoding="utf-8")
            for needle in ("apps.get_model(", "apps.is_installed(", "find_spec(")
        )
    ]
    assert offenders == []
