"""The version of jmwidget (one number for the Python package and the front end)."""

__version__ = "0.1.0"
