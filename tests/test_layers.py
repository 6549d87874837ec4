"""The stages import only what comes before them, so data flows one way.

model/ knows nothing of how it was read or shown; notices/ turn text into
model records; inputs/ read editors' files and call the notice stages;
outputs/ and site/ read the model, and no output reaches into a page view.
workers.py (work shared out over the cores) and cache.py (results kept between builds) import nothing of
the pipeline.
"""
from __future__ import annotations

import ast
from pathlib import Path

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"
# package → the pipeline packages and top-level modules its modules may import
ALLOWED = {
    "model": {"model", "problems"},
    "notices": {"notices", "model", "problems"},
    "inputs": {"inputs", "notices", "model", "problems", "settings", "workers", "cache"},
    "outputs": {"outputs", "model", "problems", "policy", "workers", "cache"},
    "site": {"site", "model", "problems", "settings", "policy", "workers", "cache"},
}


def pipeline_imports(path: Path) -> set[str]:
    """The first part below `pipeline` of every module this file imports from the pipeline."""
    package = path.parent.relative_to(PIPELINE).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - (node.level - 1)]) if node.level > 1 else list(package)
            parts = base + (node.module.split(".") if node.module else [])
            found.add(parts[0] if parts else "")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline."):
            found.add(node.module.split(".")[1])
    return found


def test_each_stage_imports_only_earlier_stages():
    crossing = {}
    for package, allowed in ALLOWED.items():
        for path in sorted((PIPELINE / package).glob("*.py")):
            outside = pipeline_imports(path) - allowed - {""}
            if outside:
                crossing[f"{package}/{path.name}"] = sorted(outside)
    assert crossing == {}


def test_no_module_is_longer_than_400_lines():
    long = {str(p.relative_to(PIPELINE)): n for p in PIPELINE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_workers_and_cache_import_nothing_of_the_pipeline():
    """Any stage may share its work out over the cores or keep its results, so both must sit below them all."""
    assert pipeline_imports(PIPELINE / "workers.py") == set()
    assert pipeline_imports(PIPELINE / "cache.py") == set()


def test_test_modules_have_unique_names():
    """tests/ and tests/browser/ are one pytest session without packages: two modules of one name stop it."""
    tests = Path(__file__).resolve().parent
    names = [p.name for p in [*tests.glob("test_*.py"), *tests.glob("browser/test_*.py")]]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
