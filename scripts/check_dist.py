"""Check that the built sdist and wheel hold every file the jmwidget package needs.

    python scripts/check_dist.py DIST_DIR

DIST_DIR holds one jmwidget-*.tar.gz and one jmwidget-*.whl (``python -m build --outdir DIST_DIR``).
Expected: every git-tracked file under src/jmwidget/ (code and data: schema/, templates/, ...) and
every file of the front end bundle in src/jmwidget/static/ (built by npm, git-ignored), byte for
byte, in the wheel under jmwidget/ and in the sdist under src/jmwidget/; no compiled Python files.
Exits 1 listing what is missing or different.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "jmwidget"
# The bundle files the package reads: JourneyWidget (widget.*) and the exported HTML page (standalone.*).
BUNDLE = ("widget.js", "widget.css", "standalone.js", "standalone.css")
SDIST_EXTRA = ("pyproject.toml", "package.json", "README.md")


def expected_files() -> dict[str, bytes]:
    """Package-relative path -> contents, of every file the built package must hold."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--", "src/jmwidget"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    names = [name for name in tracked.split("\0") if name]
    if not names:
        raise SystemExit("check_dist: git lists no files under src/jmwidget")
    expected = {Path(name).relative_to("src/jmwidget").as_posix(): (ROOT / name).read_bytes() for name in names}
    static = PACKAGE / "static"
    missing = [name for name in BUNDLE if not (static / name).is_file()]
    if missing:
        raise SystemExit(f"check_dist: {', '.join(missing)} not built in {static}: run `npm run build`")
    for path in sorted(static.rglob("*")):
        if path.is_file():
            expected[path.relative_to(PACKAGE).as_posix()] = path.read_bytes()
    return expected


def only(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"check_dist: expected one {pattern} in {dist}, found {[p.name for p in found]}")
    return found[0]


def compare(what: str, expected: dict[str, bytes], read: dict[str, bytes]) -> list[str]:
    problems = [f"{what}: missing {name}" for name in expected if name not in read]
    problems += [
        f"{what}: {name} differs from the checkout" for name, data in expected.items() if read.get(name, data) != data
    ]
    problems += [f"{what}: compiled file {name}" for name in read if name.endswith((".pyc", ".pyo"))]
    return problems


def wheel_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {
            name.removeprefix("jmwidget/"): archive.read(name)
            for name in archive.namelist()
            if name.startswith("jmwidget/") and not name.endswith("/")
        }


def sdist_files(sdist: Path) -> tuple[dict[str, bytes], set[str]]:
    """The files under src/jmwidget/ (package-relative), and the names of the sdist's top-level files."""
    package: dict[str, bytes] = {}
    top: set[str] = set()
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            _, _, name = member.name.partition("/")  # drop the jmwidget-<version>/ folder
            if name.startswith("src/jmwidget/"):
                handle = archive.extractfile(member)
                assert handle is not None
                package[name.removeprefix("src/jmwidget/")] = handle.read()
            elif "/" not in name:
                top.add(name)
    return package, top


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    dist = Path(argv[0])
    expected = expected_files()
    wheel, sdist = only(dist, "jmwidget-*.whl"), only(dist, "jmwidget-*.tar.gz")
    in_sdist, sdist_top = sdist_files(sdist)
    problems = compare(wheel.name, expected, wheel_files(wheel)) + compare(sdist.name, expected, in_sdist)
    problems += [f"{sdist.name}: missing {name}" for name in SDIST_EXTRA if name not in sdist_top]
    if problems:
        print("\n".join(["check_dist: the built distributions are incomplete:", *problems]), file=sys.stderr)
        return 1
    data = sorted(name for name in expected if not name.endswith(".py"))
    print(f"check_dist: {wheel.name} and {sdist.name} hold all {len(expected)} package files; the non-Python ones:")
    print("  " + ", ".join(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
