"""Write the templates in src/jmwidget/templates/ in their canonical form.

Templates are data: edit the JSON files (by hand, or save a map built in a notebook over one).
This script loads each file the way jmwidget loads a template (``Journey.from_json``: a document of
an older schema version is upgraded, and every file is validated) and writes it back as
``Journey.to_json()`` and a newline, so the files stay at the current schema version, in one key
order and indentation::

    python scripts/format_templates.py            # rewrite every template that is not canonical
    python scripts/format_templates.py --check    # exit 1 if one is not; write nothing
    python scripts/format_templates.py FILE ...   # the same for other files

tests/test_templates.py checks that every template already is canonical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jmwidget import Journey, JourneyError

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "src" / "jmwidget" / "templates"


def canonical(text: str) -> str:
    """The canonical text of a template: the map it holds (upgraded if older) as ``Journey.to_json()`` + newline."""
    return Journey.from_json(text).to_json() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="report files that are not canonical; write nothing")
    parser.add_argument("files", nargs="*", type=Path, help="files to format (default: every template)")
    args = parser.parse_args(argv)
    paths: list[Path] = args.files or sorted(TEMPLATE_DIR.glob("*.json"))
    stale: list[str] = []
    broken: list[str] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            formatted = canonical(text)
        except JourneyError as exc:
            broken.append(path.name)
            print(f"{path}: {exc}", file=sys.stderr)
            continue
        if formatted == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(formatted, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        print(f"not canonical: {', '.join(stale)}; run python scripts/format_templates.py", file=sys.stderr)
    if broken or (args.check and stale):
        return 1
    if not stale:
        print(f"{len(paths)} file(s), all canonical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
