"""The package's layout: a subpackage per stage, each importing only the stages before it.

The stages, in the order a build runs them (CONTRIBUTING, "How the code is
laid out", draws the same picture):

    sources → text → comparison → project → writers, search, translating → build → plugin, CLI

``model``, ``diagnostics`` and ``links`` are the vocabulary every stage
shares. A module may import its own stage and earlier ones, never a later
one, and no modules import each other in a circle, counting the imports made
inside functions and for type checking too: they are dependencies all the same.

README's layout table and CONTRIBUTING's picture name every subpackage and no
other, and no document names a file of the package that is not there.
"""

from __future__ import annotations

import ast
import pathlib
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
#: The stages in order; a stage may import from its own rank and lower ranks.
RANKS = {
    "generator": 0, "generator.model": 0, "generator.diagnostics": 0, "generator.links": 0,
    "generator.sources": 1,
    "generator.text": 2,
    "generator.comparison": 3,
    "generator.project": 4,
    "generator.writers": 5, "generator.search": 5, "generator.translating": 5,
    "generator.build": 6,
    "generator.plugin": 7, "generator.__main__": 7,
}
#: At most this many modules at the top of the package (``__init__`` and ``__main__`` count).
TOP_MODULES = 6


def _name(path: pathlib.Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rank(module: str) -> int:
    while module not in RANKS:
        module = module.rpartition(".")[0]
    return RANKS[module]


def _imports(path: pathlib.Path) -> set[str]:
    """The generator modules ``path`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:  # `from generator.text import citation` imports a module
                child = f"{node.module}.{alias.name}"
                found.add(child if (PACKAGE.parent / (child.replace(".", "/") + ".py")).exists() else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; write `from generator.… import …`")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def _graph() -> dict[str, set[str]]:
    return {_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_each_module_imports_only_its_own_stage_and_earlier_ones():
    late = [f"{module} (stage {_rank(module)}) imports {target} (stage {_rank(target)})"
            for module, targets in _graph().items() for target in sorted(targets) if _rank(target) > _rank(module)]
    assert not late, "\n".join(late)


def test_no_import_circle():
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import circle: " + " → ".join(path[path.index(module):] + [module]))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_top_holds_a_handful_of_modules_and_every_stage_is_a_subpackage():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= TOP_MODULES, top
    stages = {name.split(".")[1] for name in RANKS if name.count(".") == 1 and (PACKAGE / name.split(".")[1]).is_dir()}
    assert stages == {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}


# --- the layout as the documents draw it -------------------------------------------------

#: A path inside the package, as the documents write it: `generator/writers/books/pdf.py`.
_PATH = re.compile(r"(?<![\w./-])generator/[\w./-]*[\w/]")
#: A package named in CONTRIBUTING's picture: `sources/`, `writers/books/`.
_PICTURED = re.compile(r"(?<![\w./])((?:\w+/)+)")


def _packages() -> set[str]:
    """Every subpackage, at any depth, as a path under generator/: 'writers/books'."""
    return {p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}


def _section(document: str, heading: str) -> str:
    """The text under ``heading`` (a Markdown heading line), up to the next heading of its level or higher."""
    level = heading.split(" ")[0]
    lines = document.splitlines()
    start = lines.index(heading) + 1
    end = next((k for k in range(start, len(lines))
                if re.match(r"#+ ", lines[k]) and len(lines[k].split(" ")[0]) <= len(level)), len(lines))
    return "\n".join(lines[start:end])


def test_readme_layout_table_names_every_subpackage_and_no_other():
    table = _section((ROOT / "README.md").read_text(encoding="utf-8"), "## Layout of the repository")
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    named = {m.group().removeprefix("generator/").strip("/") for row in rows for m in _PATH.finditer(row)}
    top = {p for p in _packages() if "/" not in p}
    assert all((PACKAGE / n).exists() for n in named), f"README's table names {sorted(named)}"
    assert named & top == top, f"README's table lacks a row for {sorted(top - named)}"


def test_contributing_picture_names_every_subpackage_in_stage_order():
    section = _section((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), "### How the code is laid out")
    picture = re.search(r"^```\w*\n(.*?)^```", section, re.S | re.M)
    assert picture, "CONTRIBUTING, “How the code is laid out”: no picture"
    named = [m.group(1).strip("/") for m in _PICTURED.finditer(picture.group(1))]
    named = [n for n in named if n != "generator"]
    assert set(named) == _packages(), f"the picture names {sorted(set(named))}, the package has {sorted(_packages())}"
    ranks = [_rank("generator." + n.replace("/", ".")) for n in named]
    assert ranks == sorted(ranks), f"the picture's order is not the stages': {named}"


def test_the_documents_name_only_files_that_exist():
    documents = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
    missing = [f"{doc.relative_to(ROOT)}: {m.group()}" for doc in documents
               for m in _PATH.finditer(doc.read_text(encoding="utf-8")) if not (ROOT / m.group()).exists()]
    assert not missing, "\n".join(missing)
