"""jmwidget: customer journey maps and service blueprints in Jupyter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    ConflictError,
    DocumentError,
    JourneyError,
    JourneyFileError,
    LossyFormatWarning,
    MermaidSyntaxError,
    NotAJourneyError,
    OperationError,
    UnsupportedVersionError,
)
from .journey import BlueprintLine, Change, Connection, Endpoint, Journey, Lane, Persona, Stage, Step

if TYPE_CHECKING:
    from .widget import JourneyWidget

__version__ = "0.1.0"


def templates() -> list[str]:
    """Names accepted by :meth:`Journey.from_template`."""
    from .templates import template_names

    names: list[str] = template_names()
    return names


def __getattr__(name: str) -> Any:
    # The widget, charts and dashboard pull in Jupyter and Altair; import them only when asked for.
    import importlib

    if name == "JourneyWidget":
        return importlib.import_module(".widget", __name__).JourneyWidget
    if name == "dashboard":
        function = importlib.import_module(".dashboard", __name__).dashboard
        globals()["dashboard"] = function
        return function
    if name == "charts":
        return importlib.import_module(".charts", __name__)
    if name == "analysis":  # blueprint analysis: alignment gaps, time and cost, critical path, fail points
        return importlib.import_module(".analysis", __name__)
    if name in ("svg", "export"):  # pictures (SVG/PNG) and the self-contained HTML page
        return importlib.import_module(f".{name}", __name__)
    if name in ("files", "mermaid", "migrations", "workbook"):  # saving/loading, Mermaid, upgrades, Excel
        return importlib.import_module(f".{name}", __name__)
    if name == "MermaidWarning":
        return importlib.import_module(".mermaid", __name__).MermaidWarning
    raise AttributeError(f"module 'jmwidget' has no attribute {name!r}")


__all__ = [
    "BlueprintLine",
    "Change",
    "ConflictError",
    "Connection",
    "DocumentError",
    "Endpoint",
    "Journey",
    "JourneyError",
    "JourneyFileError",
    "JourneyWidget",
    "Lane",
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
    "dashboard",
    "export",
    "files",
    "mermaid",
    "migrations",
    "svg",
    "templates",
    "workbook",
]
