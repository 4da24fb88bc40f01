"""Autosave: debounced background saves, errors shown not hidden, no silent overwrite."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from jmwidget import Journey, JourneyError, JourneyWidget
from jmwidget.formats import Autosaver, SaveStatus

from .conftest import build_small


def wait_for(predicate: object, timeout: float = 10.0) -> None:
    """Poll ``predicate`` (bounded in time) until it is true."""
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def test_every_change_reaches_the_file(tmp_path: Path) -> None:
    journey = build_small()
    path = tmp_path / "map.json"
    saver = Autosaver(journey, path, delay=0.01, save_now=True)
    assert Journey.load(path) == journey
    journey.set_cell("actions", "fill-form", "Types her address")
    journey.rename_stage("apply", "Sign up")
    wait_for(lambda: saver.status.state == "saved" and saver.status.revision == journey.revision)
    assert Journey.load(path) == journey
    journey.undo()
    saver.close()
    assert Journey.load(path) == journey
    assert Journey.load(path).stages[1].name == "Apply"


def test_saves_are_debounced_and_off_the_editing_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jmwidget.formats import _shared_file

    writes: list[str] = []
    real_write = _shared_file.write_atomic

    def counting_write(path: Path, data: bytes) -> Path:
        writes.append(threading.current_thread().name)
        return real_write(path, data)

    monkeypatch.setattr(_shared_file, "write_atomic", counting_write)
    journey = build_small()
    saver = Autosaver(journey, tmp_path / "map.json", delay=30)
    for value in range(1, 6):
        journey.set_cell("emotion", "see-advert", value)
    assert writes == []  # nothing written while edits keep coming
    assert saver.status.state == "pending"
    status = saver.flush()
    assert writes == [threading.current_thread().name]
    assert status.state == "saved"
    assert status.revision == journey.revision
    assert saver.flush() == status  # nothing new: no second write
    assert len(writes) == 1
    saver.delay = 0.01
    journey.set_cell("emotion", "see-advert", 3)
    wait_for(lambda: len(writes) == 2)
    assert writes[1] != threading.current_thread().name  # the timer's thread wrote it
    saver.close()


def test_a_failed_save_is_reported_and_the_next_change_retries(tmp_path: Path) -> None:
    blocker = tmp_path / "maps"
    blocker.write_text("a file where the folder should be")
    path = blocker / "map.json"
    statuses: list[SaveStatus] = []
    journey = build_small()
    saver = Autosaver(journey, path, delay=0.01, on_status=statuses.append, save_now=True)
    assert saver.status.state == "error"
    assert str(path) in (saver.status.error or "")
    assert saver.status.saved_at is None
    blocker.unlink()
    blocker.mkdir()
    journey.set_cell("actions", "see-advert", "Reads the poster twice")
    wait_for(lambda: saver.status.state == "saved")
    assert Journey.load(path) == journey
    # The first save failed before writing (the folder could not be opened), the next one wrote.
    assert [s.state for s in statuses][:4] == ["error", "pending", "saving", "saved"]
    saver.close()


def test_a_file_with_another_map_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    other = Journey.from_template("onboarding")
    other.save(path)
    before = path.read_bytes()
    with pytest.raises(JourneyError, match="holds a different map"):
        Autosaver(build_small(), path)
    assert path.read_bytes() == before
    same = Journey.load(path)
    Autosaver(same, path, save_now=True).close()  # the same map: fine
    replaced = Autosaver(build_small(), path, overwrite=True, save_now=True)
    replaced.close()
    assert Journey.load(path) == build_small()


def test_concurrent_edits_and_saves_never_write_a_torn_document(tmp_path: Path) -> None:
    journey = build_small()
    path = tmp_path / "map.json"
    saver = Autosaver(journey, path, delay=0)
    for round_ in range(200):
        journey.set_cell("conversion", "see-advert", round_)
        journey.set_cell("actions", "compare-banks", f"Compares {round_} offers")
    saver.close()
    assert Journey.load(path) == journey


def test_a_change_made_while_a_save_is_writing_is_saved_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race CI once hit: a save finishing after a newer change must not report "saved"."""
    from jmwidget.formats import _shared_file

    release = threading.Event()
    real_write = _shared_file.write_atomic

    def slow_write(path: Path, data: bytes) -> Path:
        release.wait(10)
        return real_write(path, data)

    monkeypatch.setattr(_shared_file, "write_atomic", slow_write)
    journey = build_small()
    path = tmp_path / "map.json"
    statuses: list[SaveStatus] = []
    saver = Autosaver(journey, path, delay=0, on_status=statuses.append)
    journey.set_cell("actions", "see-advert", "First")  # its save blocks in the write
    first = journey.revision
    wait_for(lambda: saver.status.state == "saving")
    journey.set_cell("actions", "see-advert", "Second")  # arrives mid-write
    release.set()
    wait_for(lambda: saver.status.revision == first + 1)
    assert ("saved", first) not in [(s.state, s.revision) for s in statuses]
    assert ("pending", first) in [(s.state, s.revision) for s in statuses]
    assert saver.status.state == "saved"
    saver.close()
    assert Journey.load(path) == journey


def test_close_saves_the_last_change_even_with_a_timer_waiting(tmp_path: Path) -> None:
    journey = build_small()
    path = tmp_path / "map.json"
    saver = Autosaver(journey, path, delay=30)  # the timer would fire long after the test
    journey.set_cell("actions", "see-advert", "Last words")
    assert saver.close().state == "saved"
    assert Journey.load(path) == journey
    journey.set_cell("actions", "see-advert", "After close")  # no longer followed
    time.sleep(0.05)
    assert Journey.load(path).get_cell("actions", "see-advert") == "Last words"


def test_the_widget_shows_the_save_status(tmp_path: Path) -> None:
    journey = build_small()
    path = tmp_path / "map.json"
    widget = JourneyWidget(journey, path=path, autosave_delay=0.01)
    assert widget.save_status is not None
    assert widget.save_status["state"] == "saved"
    assert widget.save_status["path"] == str(path)
    journey.set_cell("actions", "see-advert", "Scrolls past the advert")
    wait_for(lambda: widget.save_status["revision"] == journey.revision)
    assert widget.save_status["state"] == "saved"
    assert widget.save_status["saved_at"]
    widget.close()
    assert Journey.load(path) == journey
    assert JourneyWidget(build_small()).save_status is None


def _run_script(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("closes", [True, False], ids=["close", "no-close"])
def test_a_script_with_an_autosaving_widget_exits_cleanly_and_keeps_its_last_edit(tmp_path: Path, closes: bool) -> None:
    path = tmp_path / "map.json"
    result = _run_script(
        tmp_path,
        f"""
        from jmwidget import Journey, JourneyWidget

        widget = JourneyWidget(Journey.from_template("onboarding"), path={str(path)!r}, autosave_delay=30)
        widget.journey.title = "Edited just before exit"
        {"widget.close()" if closes else "pass"}
        """,
    )
    assert result.returncode == 0, result.stderr
    assert "Exception ignored" not in result.stderr
    assert result.stderr == ""
    assert Journey.load(path).title == "Edited just before exit"
