"""compare() after random operations: a map against itself is empty, and against an edited copy it
reports exactly the merge targets that changed; describe() reads any map."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import JourneyError, compare
from jmwidget.model._targets import flatten
from jmwidget.prose import describe

from .test_properties import draw_op, start

MISSING = object()


def changed_targets(before: dict[str, Any], after: dict[str, Any]) -> set[tuple[str, ...]]:
    old, new = flatten(before), flatten(after)
    return {key for key in old.keys() | new.keys() if old.get(key, MISSING) != new.get(key, MISSING)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compare_reports_exactly_the_targets_that_changed(data: st.DataObject) -> None:
    journey = start(data)
    before = journey.to_dict()
    assert not compare(before, journey.copy())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        with contextlib.suppress(JourneyError):
            journey.apply(draw_op(data, journey.to_dict()))
    after = journey.to_dict()
    changed = changed_targets(before, after)
    diff = compare(before, after, by=("id",))
    assert diff.targets() == changed
    for change in diff:  # nothing reported that did not change
        assert change.targets & changed, change
    assert bool(diff) == bool(changed)
    # Matching by name as well reports only targets that changed, and everything reads out.
    named = compare(before, after)
    assert named.targets() <= changed
    assert len(named.to_pandas()) == len(named)
    assert named.summary()
    for cell in named.cells():
        assert cell["lane"] in {lane["id"] for lane in after["lanes"]}
        assert cell["kind"] in ("added", "removed", "changed")
    assert not compare(after, after)
    assert journey.describe() == describe(after)  # any map describes itself
