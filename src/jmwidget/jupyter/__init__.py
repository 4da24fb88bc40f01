"""The Jupyter side: the editable widget, the dashboard of map and live charts, the Voila app.

The only layer that imports anywidget, ipywidgets or traitlets.
"""

from __future__ import annotations

from ._dashboard import Dashboard, dashboard
from ._widget import JourneyWidget

__all__ = ["Dashboard", "JourneyWidget", "dashboard"]
