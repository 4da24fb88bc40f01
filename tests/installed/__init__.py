"""Tests of an installed jmwidget (a wheel or a non-editable install), outside the checkout."""
