"""Subprocess side of tests/test_atomic_save.py (run as a script, not collected by pytest).

``zygote PATH``: import jmwidget once, then for every ``go N`` line on stdin fork a child that
saves version N, N+1, ... of a large map to PATH in a loop, printing ``saved N`` after each
completed save; print ``pid P`` for the child and ``dead`` once it has been killed.

``readonly PATH``: try to save over PATH (in a read-only directory) and print the outcome.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from jmwidget import Journey, JourneyFileError


def big_document() -> dict[str, Any]:
    """A large map: the returns template with many more steps and text in every cell."""
    journey = Journey.from_template("returns")
    stage = journey.stages[-1].id
    with journey.transaction("grow"):
        for n in range(150):
            step = journey.add_step(stage, f"Extra step {n}")
            journey.set_cell("Actions", step, f"Does thing {n} " * 20)
            journey.set_cell("Thoughts", step, f"Thinks about Ünïcode {n} ✓ " * 10)
    return journey.to_dict()


def version(doc: dict[str, Any], n: int) -> dict[str, Any]:
    """Version ``n`` of the document: a numbered title and a description whose size varies."""
    return {**doc, "title": f"Stress save {n}", "description": "x" * (n % 5) * 4000}


def expected_bytes(doc: dict[str, Any], n: int) -> bytes:
    """What ``Journey.save`` writes for version ``n`` (same rules as ``Journey.to_json``)."""
    return (json.dumps(version(doc, n), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _child(path: str, doc: dict[str, Any], start: int) -> None:
    n = start
    while True:
        Journey.from_dict(version(doc, n)).save(path)
        os.write(1, f"saved {n}\n".encode())
        n += 1


def zygote(path: str) -> None:
    doc = big_document()
    Journey.from_dict(version(doc, 0)).save(path)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        start = int(line.split()[1])
        pid = os.fork()
        if pid == 0:  # the child saves until it is killed
            try:
                _child(path, doc, start)
            finally:
                os._exit(1)
        sys.stdout.write(f"pid {pid}\n")
        sys.stdout.flush()
        os.waitpid(pid, 0)
        sys.stdout.write("dead\n")
        sys.stdout.flush()


def readonly(path: str) -> None:
    journey = Journey.from_template("returns")
    try:
        journey.save(path)
    except JourneyFileError as exc:
        print(f"JourneyFileError|{exc.path}|{exc}")
        return
    print("saved")


if __name__ == "__main__":
    {"zygote": zygote, "readonly": readonly}[sys.argv[1]](sys.argv[2])
