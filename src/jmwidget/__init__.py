"""jmwidget: customer journey maps and service blueprints in Jupyter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ConflictError, DocumentError, JourneyError, OperationError
from .journey import Change, Journey, Lane, Persona, Stage, Step

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
    raise AttributeError(f"module 'jmwidget' has no attribute {name!r}")


__all__ = [
    "Change",
    "ConflictError",
    "DocumentError",
    "Journey",
    "JourneyError",
    "JourneyWidget",
    "Lane",
    "OperationError",
    "Persona",
    "Stage",
    "Step",
    "__version__",
    "dashboard",
    "templates",
]
