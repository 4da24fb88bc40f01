"""Modules of the flat layout of jmwidget 0.1 and where they live now.

``import jmwidget.files`` (or ``jmwidget.files.save``) still works: the old name is an alias of
the new module, and using it warns with a DeprecationWarning that names the new place.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Sequence

from .model._warnings import warn_caller

#: old module name -> the module that now holds its public names
MOVED: dict[str, str] = {
    "jmwidget.journey": "jmwidget.model",
    "jmwidget.errors": "jmwidget.model",
    "jmwidget.migrations": "jmwidget.model._migrations",
    "jmwidget.formatting": "jmwidget.model.formatting",
    "jmwidget.files": "jmwidget.formats",
    "jmwidget.mermaid": "jmwidget.formats",
    "jmwidget.autosave": "jmwidget.formats",
    "jmwidget.workbook": "jmwidget.formats._workbook",
    "jmwidget.svg": "jmwidget.pictures",
    "jmwidget.export": "jmwidget.pictures",
    "jmwidget.frames": "jmwidget.tables",
    "jmwidget.widget": "jmwidget.jupyter",
    "jmwidget.serve": "jmwidget.jupyter._serve",
}


def load_moved(old: str) -> types.ModuleType:
    """Import the module that replaced ``old``, with a DeprecationWarning naming it."""
    new = MOVED[old]
    public = new.rsplit("._", 1)[0]
    warn_caller(DeprecationWarning(f"{old} is now {public}; the old name will go in a later release"))
    return importlib.import_module(new)


class _AliasLoader(importlib.abc.Loader):
    """Loads an old name as the new module itself (the import system re-reads ``sys.modules``)."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        """A throwaway module; :meth:`exec_module` puts the real one in its place."""

    def exec_module(self, module: types.ModuleType) -> None:
        sys.modules[module.__name__] = load_moved(module.__name__)


class MovedModuleFinder(importlib.abc.MetaPathFinder):
    """Answers imports of the old module names with the new modules."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader())


def install() -> None:
    """Put the finder on ``sys.meta_path`` once."""
    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(MovedModuleFinder())
