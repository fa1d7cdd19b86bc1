"""The package's layout: a subpackage per stage, each importing only the stages before it.

The stages, in the order a build runs them (CONTRIBUTING, "How the code is
laid out", draws the same picture):

    sources → text → comparison → project → writers, search → build → plugin, CLI

``model``, ``diagnostics`` and ``links`` are the vocabulary every stage
shares. A module may import its own stage and earlier ones, never a later
one, and no modules import each other in a circle, counting the imports made
inside functions and for type checking too: they are dependencies all the same.
"""

from __future__ import annotations

import ast
import pathlib

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
#: The stages in order; a stage may import from its own rank and lower ranks.
RANKS = {
    "generator": 0, "generator.model": 0, "generator.diagnostics": 0, "generator.links": 0,
    "generator.sources": 1,
    "generator.text": 2,
    "generator.comparison": 3,
    "generator.project": 4,
    "generator.writers": 5, "generator.search": 5,
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
