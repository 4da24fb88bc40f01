"""jmwidget: customer journey maps and service blueprints in Jupyter.

The package is layered (see DEVELOP.md): ``model`` (the document, pure Python) at the bottom;
``tables``, ``data`` (raw data as per-step numbers), ``charts``, ``analysis``, ``pictures`` and
``formats`` are adapters around it; ``jupyter`` (the widget, the dashboard, the Voila app) on top.
The names below are the public API; the Jupyter and Altair parts load on first use.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from . import _moved
from .model import (
    BlueprintLine,
    Change,
    ConflictError,
    Connection,
    DocumentError,
    Endpoint,
    Journey,
    JourneyError,
    JourneyFileError,
    Lane,
    LockedError,
    LossyFormatWarning,
    MermaidSyntaxError,
    NotAJourneyError,
    OperationError,
    Persona,
    Stage,
    Step,
    UnsupportedVersionError,
    template_names,
)

if TYPE_CHECKING:
    from . import analysis, charts, classroom, data, diff, formats, jupyter, pictures, prose, tables
    from .diff import compare
    from .formats import FileConflictWarning, MermaidWarning
    from .jupyter import JourneyWidget, dashboard

from ._version import __version__

#: public name -> (module, attribute or None for the module itself), imported on first use
_LAZY: dict[str, tuple[str, str | None]] = {
    "JourneyWidget": ("jmwidget.jupyter", "JourneyWidget"),
    "dashboard": ("jmwidget.jupyter", "dashboard"),
    "MermaidWarning": ("jmwidget.formats", "MermaidWarning"),
    "FileConflictWarning": ("jmwidget.formats", "FileConflictWarning"),
    "compare": ("jmwidget.diff", "compare"),
    "analysis": ("jmwidget.analysis", None),
    "charts": ("jmwidget.charts", None),
    "data": ("jmwidget.data", None),
    "classroom": ("jmwidget.classroom", None),
    "diff": ("jmwidget.diff", None),
    "formats": ("jmwidget.formats", None),
    "jupyter": ("jmwidget.jupyter", None),
    "model": ("jmwidget.model", None),
    "pictures": ("jmwidget.pictures", None),
    "prose": ("jmwidget.prose", None),
    "tables": ("jmwidget.tables", None),
}


@overload
def templates() -> list[str]: ...
@overload
def templates(folder: str | os.PathLike[str]) -> list[Path]: ...
def templates(folder: str | os.PathLike[str] | None = None) -> list[str] | list[Path]:
    """What :meth:`Journey.from_template` accepts: the bundled templates' names, or with ``folder``
    the paths of the ``.json`` maps in that folder (a teacher's own templates)."""
    if folder is None:
        return template_names()
    from .formats import template_files

    return template_files(folder)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attribute is None else getattr(module, attribute)
    elif f"{__name__}.{name}" in _moved.MOVED:
        value = _moved.load_moved(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'jmwidget' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


_moved.install()

__all__ = [
    "BlueprintLine",
    "Change",
    "ConflictError",
    "Connection",
    "DocumentError",
    "Endpoint",
    "FileConflictWarning",
    "Journey",
    "JourneyError",
    "JourneyFileError",
    "JourneyWidget",
    "Lane",
    "LockedError",
    "LossyFormatWarning",
    "MermaidSyntaxError",
    "MermaidWarning",
    "NotAJourneyError",
    "OperationError",
    "Persona",
    "Stage",
    "Step",
    "UnsupportedVersionError",
    "__version__",
    "analysis",
    "charts",
    "classroom",
    "compare",
    "dashboard",
    "data",
    "diff",
    "formats",
    "jupyter",
    "pictures",
    "prose",
    "tables",
    "templates",
]
