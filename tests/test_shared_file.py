"""Several writers of one map file: a notebook's autosave, a script's save, two kernels. Nobody's
edit is lost to someone else's save; a real conflict keeps the first saved version and says so."""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import FileConflictWarning, Journey, JourneyError
from jmwidget.formats import Autosaver, SyncResult, follow
from jmwidget.model._targets import flatten

from .test_properties import draw_op

LANE = "Actions"


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "map.json"
    Journey.from_template("onboarding").save(target)
    return target


def test_two_scripts_editing_different_cells_both_keep_their_edits(path: Path) -> None:
    a, b = Journey.load(path), Journey.load(path)
    first, second = a.steps[0].id, a.steps[1].id
    a.set_cell(LANE, first, "A's edit")
    a.save(path)
    b.set_cell(LANE, second, "B's edit")
    b.save(path)  # merges A's edit in first
    on_disk = Journey.load(path)
    assert (on_disk.get_cell(LANE, first), on_disk.get_cell(LANE, second)) == ("A's edit", "B's edit")
    assert b.get_cell(LANE, first) == "A's edit"  # B's map now shows A's edit too
    assert not b.can_undo  # undoing across someone else's change could undo theirs


def test_the_same_cell_keeps_the_first_save_and_the_second_writer_is_told(path: Path) -> None:
    a, b = Journey.load(path), Journey.load(path)
    step = a.steps[2]
    a.set_cell(LANE, step.id, "saved first")
    a.save(path)
    b.set_cell(LANE, step.id, "saved second")
    with pytest.warns(FileConflictWarning, match=rf"the cell {LANE!r} x {step.name!r}: your change"):
        b.save(path)
    assert Journey.load(path).get_cell(LANE, step.id) == "saved first"
    assert b.get_cell(LANE, step.id) == "saved first"


def test_a_map_that_never_read_the_file_replaces_it(path: Path) -> None:
    fresh = Journey("Another map")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fresh.save(path)
    assert Journey.load(path).title == "Another map"


def test_a_file_replaced_by_something_else_is_not_overwritten(path: Path) -> None:
    journey = Journey.load(path)
    path.write_text("not a map", encoding="utf-8")
    journey.title = "Mine"
    with pytest.raises(JourneyError, match="not a map"):
        journey.save(path)
    assert path.read_text(encoding="utf-8") == "not a map"


def test_an_autosaving_map_follows_a_script_and_both_edits_reach_the_file(path: Path) -> None:
    shown = Journey.load(path)
    saver = Autosaver(shown, path, delay=0.05, follow_interval=0.05)
    try:
        script = Journey.load(path)
        script.set_cell(LANE, script.steps[0].id, "from the script")
        script.save(path)
        wait_for(lambda: shown.get_cell(LANE, shown.steps[0].id) == "from the script")
        # The watch thread reports the merge just after making it: wait for the report too.
        wait_for(lambda: saver.status.merged > 0)
        shown.set_cell(LANE, shown.steps[1].id, "from the notebook")
        wait_for(lambda: Journey.load(path).get_cell(LANE, shown.steps[1].id) == "from the notebook")
        assert Journey.load(path).get_cell(LANE, shown.steps[0].id) == "from the script"
    finally:
        saver.close()


def test_an_autosave_conflict_is_in_the_status(path: Path) -> None:
    shown = Journey.load(path)
    saver = Autosaver(shown, path, delay=30, follow_interval=None)
    try:
        script = Journey.load(path)
        step = script.steps[3]
        script.set_cell(LANE, step.id, "script first")
        script.save(path)
        shown.set_cell(LANE, step.id, "notebook second")
        status = saver.flush()
        assert status.state == "saved"
        assert status.conflicts == (
            f"the cell {LANE!r} x {step.name!r}: your change ('notebook second') was replaced by the file's "
            "('script first')",
        )
        assert shown.get_cell(LANE, step.id) == "script first"
    finally:
        saver.close()


def test_following_an_unchanged_file_does_nothing(path: Path) -> None:
    journey = Journey.load(path)
    revision = journey.revision
    assert follow(journey, path) == SyncResult()
    assert journey.revision == revision


# ---------------------------------------------------------------- random interleavings


class Writer:
    """One writer of the file, remembering the last value it gave each target."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.journey = Journey.load(path)
        self.mine: dict[Any, Any] = {}
        self.conflicts: set[Any] = set()
        self.new_ids: set[str] = set()

    def edit(self, op: dict[str, Any]) -> None:
        before = flatten(self.journey.to_dict())
        with contextlib.suppress(JourneyError):
            self.journey.apply(op)
        after = flatten(self.journey.to_dict())
        for key in set(before) | set(after):
            if before.get(key, "<absent>") != after.get(key, "<absent>"):
                self.mine[key] = after.get(key, "<absent>")
                self.new_ids.update(part for part in key[1:] if key not in before)

    def save(self) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.journey.save(self.path)
        for warning in caught:
            if isinstance(warning.message, FileConflictWarning):
                self.conflicts.update(c.target for c in warning.message.conflicts)

    def follow(self) -> None:
        self.conflicts.update(c.target for c in follow(self.journey, self.path).conflicts)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_interleavings_of_two_writers_lose_nothing_that_did_not_conflict(
    data: st.DataObject, path: Path
) -> None:
    Journey.from_template("onboarding").save(path)
    writers = [Writer(path), Writer(path)]
    for _ in range(data.draw(st.integers(1, 12))):
        writer = data.draw(st.sampled_from(writers))
        action = data.draw(st.sampled_from(["edit", "edit", "edit", "save", "follow"]))
        if action == "edit":
            writer.edit(draw_op(data, writer.journey.to_dict()))
        else:
            getattr(writer, action)()
    for writer in [*writers, *writers]:  # everyone saves, then everyone catches up
        writer.save()
    final = Journey.load(path)
    assert all(writer.journey == final for writer in writers)  # one map everywhere
    table = flatten(final.to_dict())
    a, b = writers
    shared_ids = a.new_ids & b.new_ids  # made on both sides: one side's was renamed
    reported = a.conflicts | b.conflicts
    for writer, other in ((a, b), (b, a)):
        for key, value in writer.mine.items():
            if key in other.mine or key in reported or key[0] == "list" or shared_ids & set(key[1:]):
                continue
            assert table.get(key, "<absent>") == value, key
