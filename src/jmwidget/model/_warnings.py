"""Warnings that point at the user's line, not at jmwidget's own code."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

_PACKAGE = str(Path(__file__).resolve().parent.parent)


def _import_machinery(filename: str) -> bool:
    """Frames that ``warnings.warn`` itself leaves out when it counts ``stacklevel``."""
    return "importlib" in filename and "_bootstrap" in filename


def _inside(filename: str) -> bool:
    """jmwidget's own code, or importlib's (``import_module`` and the import statement)."""
    return "importlib" in filename or str(Path(filename).resolve()).startswith(_PACKAGE)


def warn_caller(warning: Warning) -> None:
    """Issue ``warning`` at the first line outside jmwidget and the import machinery (the user's call)."""
    frame = sys._getframe(1)  # noqa: SLF001 - the standard way to walk the stack
    level = 2
    while frame.f_back is not None and _inside(frame.f_code.co_filename):
        frame = frame.f_back
        if not _import_machinery(frame.f_code.co_filename):
            level += 1
    warnings.warn(warning, stacklevel=level)
