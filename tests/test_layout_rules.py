"""Rules that keep the code easy to find your way in: small modules, short functions, the public
names where the README says, and old module names that still import (with a warning).

The layers themselves are checked by import-linter (``lint-imports``, contracts in pyproject.toml)
and, for TypeScript, by Biome's cycle and restricted-import rules (``npm run lint``).
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import jmwidget
from jmwidget import _moved

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
PYTHON_FOLDERS = ("src/jmwidget", "scripts", "bench", "tests")
GENERATED_TS = {"js/src/model/schema.ts"}


def _python_files() -> Iterator[Path]:
    for folder in PYTHON_FOLDERS:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _typescript_files() -> Iterator[Path]:
    for path in sorted((ROOT / "js").rglob("*.ts")):
        if path.relative_to(ROOT).as_posix() not in GENERATED_TS:
            yield path


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_500_lines() -> None:
    files = [*_python_files(), *_typescript_files()]
    assert len(files) > 50, "the walk found too few files to mean anything"
    too_long = {path.relative_to(ROOT).as_posix(): _lines(path) for path in files if _lines(path) > MAX_MODULE_LINES}
    assert too_long == {}


def test_no_python_function_is_over_60_lines() -> None:
    too_long: dict[str, int] = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long[f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name}"] = length
    assert too_long == {}


def test_every_public_name_resolves() -> None:
    for name in jmwidget.__all__:
        assert getattr(jmwidget, name) is not None, name
    assert set(jmwidget.__all__) <= set(dir(jmwidget))


@pytest.mark.parametrize("old", sorted(_moved.MOVED))
def test_an_old_module_name_still_imports_and_warns(old: str) -> None:
    new = importlib.import_module(_moved.MOVED[old])
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=rf"{old} is now jmwidget\.") as caught:
        module = importlib.import_module(old)
    assert module is new
    assert module.__name__ == _moved.MOVED[old]  # the new module itself, not a copy with the old name
    assert caught[0].filename == __file__  # the warning points at the importing line


def test_an_old_module_attribute_still_works_and_warns() -> None:
    jmwidget.__dict__.pop("files", None)
    with pytest.warns(DeprecationWarning, match=r"jmwidget\.files is now jmwidget\.formats"):
        files = jmwidget.files  # type: ignore[attr-defined]
    assert files.save is jmwidget.formats.save


def test_importing_the_model_loads_no_jupyter_and_no_dataframes() -> None:
    code = (
        "import sys, jmwidget\n"
        "j = jmwidget.Journey.from_template('onboarding')\n"
        "heavy = sorted(m for m in ('anywidget', 'ipywidgets', 'traitlets', 'pandas', 'narwhals', 'altair')"
        " if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == ""
