"""The house's rule, checked on the source: no room imports a room above it (DESIGN, "The house").

Every import statement of every module under ``sajag/`` (including imports inside functions) is
read with ``ast``; an import of another room that DESIGN's table does not allow fails here. What
a room may import is the table's row followed downwards (activities may import campaigns, so also
what campaigns may import), plus ``core``, which every room but scamcheck shares. No database.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SAJAG = Path(__file__).resolve().parent.parent / "sajag"

# DESIGN's table: each room and the rooms it may import directly ("core" aside, see below).
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "scamcheck": set(),
    "geo": set(),
    "accounts": {"geo"},
    "campaigns": {"geo", "accounts"},
    "activities": {"campaigns"},
    "links": {"campaigns", "geo"},
    "reach": {"activities", "links", "geo"},
    "materials": {"links"},
    "public": {"materials", "links", "reach", "scamcheck"},
    "reports": {"campaigns", "reach"},  # and the printer, which is core's
    "reminders": {"campaigns", "reach"},
    "api": {"geo", "accounts", "campaigns", "activities", "links", "reach"},  # the apps it exposes
}
# Rooms that know nothing of core either: scamcheck is a plain library, core is the floor.
NO_CORE = {"core", "scamcheck"}
# Project-level modules under sajag/ (not sajag/core/): the shared floor, or the wiring that sits
# above every room (URLs, settings, servers, the demo), which no room may import.
CORE_MODULES = {"audit", "backup", "bilingual", "clock", "i18n_compile", "numbers", "security"}
PROJECT_MODULES = {"asgi", "serve", "settings", "urls", "wsgi"}

# Plain Python: no Django, directly or through another Sajag module (DESIGN, "Rules of the house").
PURE = {
    "sajag.scamcheck",
    "sajag.reach.model",
    "sajag.numbers",
    "sajag.materials.text",
    "sajag.materials.renderers",
    "sajag.materials.content",
    "sajag.links.codes",
}

# Imports that break the rule in files being rewritten elsewhere, left behind shims until then.
# Each entry must still be found: remove it when its import is fixed.
PENDING: set[tuple[str, str]] = set()


def modules() -> list[Path]:
    return sorted(p for p in SAJAG.rglob("*.py") if "migrations" not in p.parts)


def dotted(path: Path, root: Path = SAJAG.parent) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room_of(module: str) -> str:
    """The room a dotted module name belongs to: an app, "core" or "project"."""
    parts = module.split(".")
    if parts[0] != "sajag":
        raise ValueError(module)
    if len(parts) == 1 or parts[1] in CORE_MODULES:
        return "core"
    if parts[1] in PROJECT_MODULES:
        return "project"
    if parts[1] in MAY_IMPORT:
        return parts[1]
    raise AssertionError(f"{module}: not a room of DESIGN's table; add it to MAY_IMPORT or CORE_MODULES")


@cache
def imports(path: Path, root: Path = SAJAG.parent) -> tuple[tuple[int, str], ...]:
    """(line, dotted name) of every module ``path`` imports, relative imports resolved; for
    ``from a import b`` both ``a.b`` (b may be a module) and ``a``."""
    package = dotted(path, root) if path.name == "__init__.py" else dotted(path, root).rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if node.module:
                found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
    return tuple(found)


def below(room: str) -> set[str]:
    """The rooms under ``room``: its row of the table, followed downwards."""
    seen: set[str] = set()
    todo = [room]
    while todo:
        for under in MAY_IMPORT[todo.pop()]:
            if under not in seen:
                seen.add(under)
                todo.append(under)
    return seen


def allowed(room: str) -> set[str]:
    """The rooms ``room`` may import: those below it, and core."""
    return below(room) | ({"core"} if room not in NO_CORE else set())


def violations() -> set[tuple[str, str]]:
    """(file, imported module) of every import of a room the file's room may not import."""
    found = set()
    for path in modules():
        room = room_of(dotted(path))
        if room == "project":
            continue
        for _line, name in imports(path):
            if name.split(".")[0] != "sajag" or not _exists(name):
                continue
            target = room_of(name)
            if target != room and target not in allowed(room):
                found.add((str(path.relative_to(SAJAG.parent)), name))
    return found


def _exists(name: str) -> bool:
    """Whether a dotted name is a module or package (``from a import b`` may name a function)."""
    path = SAJAG.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_the_table_has_no_cycle():
    cycles = [room for room in MAY_IMPORT if room in below(room)]
    assert not cycles, f"rooms that would import themselves through others: {cycles}"


def test_no_room_imports_a_room_above_it():
    unexpected = sorted(violations() - PENDING)
    assert not unexpected, "imports against DESIGN's table:\n" + "\n".join(f"{f}: {m}" for f, m in unexpected)


def test_every_pending_exception_is_still_needed():
    fixed = sorted(PENDING - violations())
    assert not fixed, "fixed, remove from PENDING in tests/test_layers.py: " + ", ".join(f"{f} {m}" for f, m in fixed)


@pytest.mark.parametrize("module", sorted(PURE))
def test_a_pure_module_imports_no_django_even_through_sajag(module):
    def files(name: str) -> list[Path]:
        """A module's file; a package's __init__, or all its files if it is the one checked."""
        path = SAJAG.parent.joinpath(*name.split("."))
        if not path.is_dir():
            return [path.with_suffix(".py")]
        return sorted(path.rglob("*.py")) if name == module else [path / "__init__.py"]

    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for path in files(name):
            for line, imported in imports(path):
                top = imported.split(".")[0]
                where = f"{path.relative_to(SAJAG.parent)}:{line}"
                assert top != "django", f"{module} reaches Django: {where} imports {imported}"
                if top == "sajag" and _exists(imported) and imported not in seen:
                    todo.append(imported)
    if module == "sajag.scamcheck":
        outside = sorted(n for n in seen if not n.startswith("sajag.scamcheck"))
        assert not outside, f"scamcheck imports the rest of Sajag: {outside}"


def test_the_checker_sees_an_upward_import(tmp_path):
    # A room importing one above it, written the three ways Python allows.
    fake = tmp_path / "sajag" / "campaigns" / "x.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("import sajag.reach.models\nfrom sajag.reach import compute\nfrom ..reach import model\n")
    names = {name for _line, name in imports(fake, tmp_path)}
    assert {"sajag.reach.models", "sajag.reach.compute", "sajag.reach.model"} <= names
    assert {room_of(name) for name in names} == {"reach"}
    assert "reach" not in allowed("campaigns")
    assert allowed("public") >= {"materials", "links", "reach", "activities", "campaigns", "accounts", "geo", "core"}
