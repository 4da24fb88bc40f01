"""The smoke suite of an installed jmwidget is not part of the normal pytest run.

test_smoke.py checks a jmwidget installed from the checkout or the wheel into a clean virtual
environment, run from outside the checkout; in the development environment jmwidget is the
editable install, which reads its data from the checkout, so those tests could only fail (or prove
nothing). scripts/test.sh runs them where they mean something: see its "installed" step.
"""

collect_ignore = ["test_smoke.py"]
