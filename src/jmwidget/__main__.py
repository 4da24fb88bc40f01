"""``python -m jmwidget serve map.json``: the same as the ``jmwidget`` command."""

from .jupyter._serve import main

raise SystemExit(main())
