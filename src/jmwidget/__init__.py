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

    return template_names()


def __getattr__(name: str) -> Any:
    # The widget pulls in Jupyter; import it only when asked for.
    if name == "JourneyWidget":
        from .widget import JourneyWidget

        return JourneyWidget
    if name == "dashboard":
        from .dashboard import dashboard

        return dashboard
    if name == "charts":
        from . import charts

        return charts
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
