"""The compiled validator (fast path) and jsonschema (the one that names every problem) agree."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import Journey, templates
from jmwidget.model import _validation

from .test_properties import draw_op

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _slow_says_valid(definition: str | None, instance: Any) -> bool:
    return not any(True for _ in _validation._validator(definition).iter_errors(instance))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value``."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def test_every_template_is_valid_both_ways() -> None:
    for name in templates():
        doc = Journey.from_template(name).to_dict()
        assert _validation._is_valid(None, doc)
        assert _slow_says_valid(None, doc)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_changed_document_gets_the_same_verdict(data: st.DataObject) -> None:
    doc = copy.deepcopy(BLUEPRINT)
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    if isinstance(target, dict) and data.draw(st.booleans()):
        del target[last]
    else:
        target[last] = data.draw(JSON)
    assert _validation._is_valid(None, doc) == _slow_says_valid(None, doc)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_an_operation_gets_the_same_verdict(data: st.DataObject) -> None:
    op = draw_op(data, BLUEPRINT)
    if data.draw(st.booleans()):  # and some broken ones
        op[data.draw(st.sampled_from(sorted(op)))] = data.draw(JSON)
    name = op.get("op")
    definition = _validation.OP_DEFINITIONS.get(name) if isinstance(name, str) else None
    if definition is None or definition == "BatchOp":
        return
    assert _validation._is_valid(definition, op) == _slow_says_valid(definition, op)


def test_a_text_over_its_limit_is_named_without_quoting_it() -> None:
    doc = copy.deepcopy(BLUEPRINT)
    doc["title"] = "x" * 5_000_000
    assert _validation._problems(None, doc) == [("$.title", "at most 500 characters, got 5000000")]


def test_huge_and_deep_values_get_the_same_verdict() -> None:
    doc = copy.deepcopy(BLUEPRINT)
    doc["emotion_scale"]["max"] = 10**400
    assert _validation._is_valid(None, doc) == _slow_says_valid(None, doc)
    nested: Any = "deep"
    for _ in range(200):
        nested = [nested]
    doc["title"] = nested
    assert not _validation._is_valid(None, doc)
    ((path, message),) = _validation._problems(None, doc)
    assert path == "$.title"
    assert message.endswith("is not of type 'string'")
    assert len(message) < 400  # the value is quoted in part, not whole


BLUEPRINT = Journey.from_template("service-blueprint").to_dict()
