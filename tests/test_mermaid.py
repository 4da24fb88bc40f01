"""Mermaid journey diagrams: Mermaid's grammar in, valid Mermaid out, equivalent both ways."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import Journey, LossyFormatWarning, MermaidSyntaxError
from jmwidget.formats._mermaid import (
    NO_ACTOR_ID,
    NO_SECTION_ID,
    MermaidWarning,
    export_mermaid,
    from_mermaid,
    parse_mermaid,
    to_mermaid,
)

from .conftest import build_small
from .test_table_files import annotation_count

#: Full-width colon, number sign, semicolon and comma: what ':' '#' ';' ',' become in Mermaid names.
COLON, HASH, SEMI, COMMA = "\uff1a", "\uff03", "\uff1b", "\uff0c"

# The example of Mermaid's docs page (docs/syntax/userJourney.md).
DOCS_EXAMPLE = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""

# The task example of Mermaid's parser tests (parser/journey.spec.ts).
SPEC_EXAMPLE = """journey
title Adding journey diagram functionality to mermaid
section Documentation
A task: 5: Alice, Bob, Charlie
B task: 3:Bob, Charlie
C task: 5
D task: 5: Charlie, Alice
E task: 5:
section Another section
P task: 5:
Q task: 5:
R task: 5:"""

EDGE_CASES = {
    "no title": "journey\nsection A\n  One: 3: Me\n",
    "tasks before any section": "journey\n  Wake up: 2: Me\n  Coffee: 4\nsection Work\n  Email: 1: Me\n",
    "actors with spaces": "journey\nsection A\n  Call: 3: Ana Maria Silva ,  Bo Li\n",
    "scores out of 1-5": "journey\nsection A\n  Bad: 0: Me\n  Worse: -2: Me\n  Great: 7\n",
    "decimal scores": "journey\nsection A\n  Half: 2.5: Me\n  Almost: 4.75: Me\n",
    "comments": "%% heading comment\njourney\n  %% a comment line\nsection A # trailing comment\n  One: 3: Me # why\n",
    "accDescr block": "journey\naccDescr {\n  A long\n  description\n}\ntitle T\nsection A\n  One: 3\n",
    "accDescr line": "journey\naccDescr: Short: with colon; and # hash\nsection A\n  One: 3\n",
    "empty sections": "journey\nsection Empty\nsection Full\n  One: 3\nsection Also empty\n",
    "unicode": "journey\ntitle Ünïcödé ✓\nsection Café ☕\n  Bestellt 🍰: 4: Zoë, 山田\n",
    "windows newlines": "journey\r\ntitle T\r\nsection A\r\n  One: 3: Me\r\n  Two: 4: Me\r\n",
    "case-insensitive keywords": "JOURNEY\nTitle Loud\nSECTION A\n  One: 3\n",
    "front matter and directive": (
        "---\ntitle: From front matter\n---\n%%{init: {'theme': 'forest'}}%%\njourney\nsection A\n  One: 3\n"
    ),
    "leading blank lines": "\n\n   \njourney\nsection A\n  One: 3\n",
}


def _shape(text: str) -> dict[str, Any]:
    """What Mermaid draws: title, description, sections of (task, score, set of actors)."""
    diagram = parse_mermaid(text)
    return {
        "title": diagram.title,
        "description": diagram.acc_descr,
        "sections": [(s.name, [(t.name, t.score, frozenset(t.actors)) for t in s.tasks]) for s in diagram.sections],
    }


def _scores(journey: Journey, step: str) -> dict[str, Any]:
    """The emotion lane's ``{persona_id: score}`` at a step (named or by id)."""
    row: dict[str, Any] = journey.to_dict()["cells"]["emotion"].get(journey.step_id(step), {})
    return row


def _quiet(text: str) -> Journey:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MermaidWarning)
        return from_mermaid(text)


def test_docs_example_reads_into_a_map() -> None:
    journey = Journey.from_mermaid(DOCS_EXAMPLE)
    assert journey.title == "My working day"
    assert [s.name for s in journey.stages] == ["Go to work", "Go home"]
    assert [s.name for s in journey.steps] == ["Make tea", "Go upstairs", "Do work", "Go downstairs", "Sit down"]
    assert [p.name for p in journey.personas] == ["Me", "Cat"]
    assert [(lane.name, lane.kind) for lane in journey.lanes] == [("Emotion", "emotion")]
    assert journey.emotion_scale == (1, 5, 3)
    assert _scores(journey, "Do work") == {"me": 1, "cat": 1}
    assert _scores(journey, "Make tea") == {"me": 5}  # Cat's curve has no point here


def test_docs_example_writes_back_exactly() -> None:
    assert Journey.from_mermaid(DOCS_EXAMPLE).to_mermaid() == DOCS_EXAMPLE


def test_spec_example_matches_mermaids_own_parse() -> None:
    diagram = parse_mermaid(SPEC_EXAMPLE)
    assert diagram.title == "Adding journey diagram functionality to mermaid"
    tasks = [(s.name, t.name, t.score, t.actors) for s in diagram.sections for t in s.tasks]
    # Mermaid's test expects people [''] for 'E task: 5:'; an empty actor name is no actor.
    assert tasks == [
        ("Documentation", "A task", 5, ["Alice", "Bob", "Charlie"]),
        ("Documentation", "B task", 3, ["Bob", "Charlie"]),
        ("Documentation", "C task", 5, []),
        ("Documentation", "D task", 5, ["Charlie", "Alice"]),
        ("Documentation", "E task", 5, []),
        ("Another section", "P task", 5, []),
        ("Another section", "Q task", 5, []),
        ("Another section", "R task", 5, []),
    ]
    journey = from_mermaid(SPEC_EXAMPLE)
    assert [p.id for p in journey.personas] == ["alice", "bob", "charlie", NO_ACTOR_ID]
    assert _scores(journey, "C task") == {NO_ACTOR_ID: 5}


@pytest.mark.parametrize("text", [DOCS_EXAMPLE, SPEC_EXAMPLE, *EDGE_CASES.values()], ids=["docs", "spec", *EDGE_CASES])
def test_import_then_export_gives_an_equivalent_diagram(text: str) -> None:
    journey = _quiet(text)
    exported, _ = export_mermaid(journey)
    assert _shape(exported) == _shape(text)
    again, _ = export_mermaid(_quiet(exported))
    assert again == exported  # a second trip changes nothing
    assert _quiet(exported) == journey


def test_tasks_before_any_section_and_empty_sections() -> None:
    journey = from_mermaid(EDGE_CASES["tasks before any section"])
    assert [s.id for s in journey.stages] == [NO_SECTION_ID, "work"]
    assert [s.name for s in journey.stages[0].steps] == ["Wake up", "Coffee"]
    exported = journey.to_mermaid()
    assert exported.splitlines()[1] == "    Wake up: 2: Me"  # before any section line
    empty = from_mermaid(EDGE_CASES["empty sections"])
    assert [(s.name, len(s.steps)) for s in empty.stages] == [("Empty", 0), ("Full", 1), ("Also empty", 0)]


def test_actors_are_trimmed_and_keep_inner_spaces() -> None:
    journey = from_mermaid(EDGE_CASES["actors with spaces"])
    assert [p.name for p in journey.personas] == ["Ana Maria Silva", "Bo Li"]


def test_scores_outside_1_to_5_are_kept_and_widen_the_scale() -> None:
    journey = from_mermaid(EDGE_CASES["scores out of 1-5"])
    assert journey.emotion_scale == (-2, 7, 3)
    assert _scores(journey, "Worse") == {"me": -2}
    assert _scores(journey, "Great") == {NO_ACTOR_ID: 7}
    text, lost = export_mermaid(journey)
    assert "      Worse: -2: Me" in text
    assert any("not whole numbers 0-5" in item and "'Worse': -2" in item for item in lost)


def test_decimal_scores_are_kept() -> None:
    journey = from_mermaid(EDGE_CASES["decimal scores"])
    assert _scores(journey, "Half") == {"me": 2.5}
    assert "Almost: 4.75: Me" in export_mermaid(journey)[0]


def test_comments_are_skipped() -> None:
    journey = from_mermaid(EDGE_CASES["comments"])
    assert [s.name for s in journey.stages] == ["A"]
    assert _scores(journey, "One") == {"me": 3}


def test_accessibility_fields() -> None:
    block = from_mermaid(EDGE_CASES["accDescr block"])
    assert block.description == "A long\ndescription"
    assert block.to_mermaid().splitlines()[2:6] == ["    accDescr {", "        A long", "        description", "    }"]
    line = from_mermaid(EDGE_CASES["accDescr line"])
    assert line.description == "Short: with colon; and # hash"
    with pytest.warns(MermaidWarning, match=r"accTitle 'Screen reader title' has no place"):
        titled = from_mermaid("journey\naccTitle: Screen reader title\ntitle Shown\nsection A\n  One: 3\n")
    assert titled.title == "Shown"


def test_unicode_and_windows_newlines() -> None:
    journey = from_mermaid(EDGE_CASES["unicode"])
    assert journey.title == "Ünïcödé ✓"
    assert [p.name for p in journey.personas] == ["Zoë", "山田"]
    crlf = from_mermaid(EDGE_CASES["windows newlines"])
    assert [s.name for s in crlf.steps] == ["One", "Two"]
    assert "\r" not in crlf.to_mermaid()


def test_front_matter_title_and_directives() -> None:
    journey = from_mermaid(EDGE_CASES["front matter and directive"])
    assert journey.title == "From front matter"


def test_text_after_a_third_colon_is_ignored_like_mermaid() -> None:
    with pytest.warns(MermaidWarning, match=r"line 3: 'Bo' after the third ':' is ignored"):
        journey = from_mermaid("journey\nsection A\n  One: 3: Ana: Bo\n")
    assert [p.name for p in journey.personas] == ["Ana"]


def test_a_line_starting_with_a_keyword_is_that_keyword_as_in_mermaid() -> None:
    # Mermaid's lexer is case-insensitive and tries `title` before task names.
    diagram = parse_mermaid("journey\nsection A\nTitle deeds: 3: Me\n")
    assert diagram.title == "deeds: 3: Me"
    assert diagram.sections[0].tasks == []


@pytest.mark.parametrize(
    ("text", "line", "rule"),
    [
        ("title X\n", 1, "starts with the word 'journey'"),
        ("", 1, "starts with the word 'journey'"),
        ("journey\nsection A\n  Make tea\n", 3, "task 'Make tea' needs a score"),
        ("journey\nsection A\n\n  Make tea:\n", 4, "task 'Make tea' needs a score"),
        ("journey\nsection A\n  : 3: Me\n", 3, "': 3: Me' has no task name before its ':'"),
        ("journey\nsection A\n  Make tea: : Me\n", 3, "task 'Make tea' has no score"),
        ("journey\nsection A\n  Make tea: lots: Me\n", 3, "has score 'lots', which is not a number"),
        ("journey\nsection A\n  Make tea: 0x5: Me\n", 3, "has score '0x5', which is not a number"),
        ("journey\nsection A\n  Make tea: 3; Drink: 4\n", 3, "';' is not allowed"),
        ("journey\nsection A: B\n", 2, "a section name ends at ':'"),
        ("journey\n\naccDescr {\n never closed\n", 3, "'accDescr {' is never closed"),
        ("journey\nsection A\n  One: 3\njourney\n", 4, "'journey' may appear only once"),
        ("journey\r\nsection A\r\n  One: 3\r\n  Two\r\n", 4, "task 'Two' needs a score"),
        (f"journey\nsection A\n  {'x' * 201}: 3\n", 3, "a task name is 201 characters long"),
    ],
)
def test_parse_errors_name_the_line_and_the_rule(text: str, line: int, rule: str) -> None:
    with pytest.raises(MermaidSyntaxError) as info:
        Journey.from_mermaid(text)
    assert info.value.line == line
    assert str(info.value).startswith(f"Mermaid journey, line {line}: ")
    assert rule in str(info.value)
    assert isinstance(info.value, ValueError)


# ---------------------------------------------------------------- export


@pytest.mark.parametrize("name", ["service-blueprint", "restaurant-order"])
def test_export_warns_naming_the_blueprint_parts_left_out(name: str) -> None:
    journey = Journey.from_template(name)
    with pytest.warns(MermaidWarning) as record:
        journey.to_mermaid()
    message = str(record[0].message)
    assert f"; {len(journey.connections)} connections;" in message
    assert f"; {annotation_count(journey)} annotations;" in message
    assert message.endswith("; lane zones")
    assert isinstance(record[0].message, LossyFormatWarning)
    assert record[0].filename == __file__


def test_export_of_a_plain_map_names_no_blueprint_parts() -> None:
    _text, lost = export_mermaid(build_small())
    assert not [item for item in lost if "connection" in item or "annotation" in item or "zone" in item]


def test_export_warns_naming_everything_left_out() -> None:
    journey = build_small()
    journey.edit(scenario="Moving to a new city")
    journey.edit_persona("Bo", goals=["Low fees"])
    with pytest.warns(MermaidWarning) as record:
        text = to_mermaid(journey)
    message = str(record[0].message)
    for item in (
        "lane 'Actions' (text)",
        "lane 'Channels' (channels)",
        "lane 'Conversion' (metric)",
        "lane 'Pain points' (cards)",
        "scenario",
        "channels (the map's channel list)",
        "persona 'Bo': role, goals",
        "steps with no emotion value written with the neutral score 3: 'Compare banks'",
        "steps where personas differ, written with the first persona's score: 'Fill form'",
    ):
        assert item in message
    assert record[0].filename == __file__
    assert text == (
        "journey\n"
        "    title Open a bank account\n"
        "    section Discover\n"
        "      See advert: 4: Ana\n"
        "      Compare banks: 3\n"
        "    section Apply\n"
        "      Fill form: 2: Ana, Bo\n"
    )


def test_export_list_is_returned_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text, lost = export_mermaid(build_small())
    assert text.startswith("journey\n")
    assert "lane 'Actions' (text)" in lost


def test_a_plain_mermaid_map_exports_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Journey.from_mermaid(DOCS_EXAMPLE).to_mermaid() == DOCS_EXAMPLE


def test_names_are_made_safe_and_reported() -> None:
    journey = Journey("Plan: #1; go")
    emotion = journey.add_lane("Emotion", "emotion")
    journey.edit_persona(journey.personas[0].id, name="Smith, Jo: #2")
    journey.add_stage(
        "Stage: one #a",
        steps=["Ask: why; now", "Line\nbreak", "100%% sure", "Title search", "%% done", "% off", "a%%b"],
    )
    journey.add_stage("section 2", steps=["journey planning", "Section review"])
    for step in journey.steps:
        journey.set_cell(emotion, step.id, 4)
    text, lost = export_mermaid(journey)
    diagram = parse_mermaid(text)  # valid Mermaid
    assert diagram.title == f"Plan: {HASH}1{SEMI} go"
    assert [s.name for s in diagram.sections] == [f"Stage{COLON} one {HASH}a", "section 2"]
    names = [t.name for s in diagram.sections for t in s.tasks]
    assert names == [
        f"Ask{COLON} why{SEMI} now",
        "Line break",
        "100%% sure",
        "Title search",
        "%% done",
        "% off",
        "a%%b",
        "journey planning",
        "Section review",
    ]
    assert {a for s in diagram.sections for t in s.tasks for a in t.actors} == {f"Smith{COMMA} Jo{COLON} {HASH}2"}
    assert all(t.score == 4 for s in diagram.sections for t in s.tasks)
    # Names Mermaid would read as a keyword or a comment get an invisible guard, stripped on import.
    assert "      \u200bTitle search: 4: " in text
    assert "      \u200b\u200b%% done: 4: " in text
    assert "      \u200ba%%b: 4: " in text
    assert "      100%% sure: 4: " in text
    changed = next(item for item in lost if item.startswith("names changed"))
    assert f"step 'Ask: why; now' -> 'Ask{COLON} why{SEMI} now'" in changed
    assert "persona 'Smith, Jo: #2'" in changed


def test_other_emotion_scales_are_mapped_onto_1_to_5() -> None:
    journey = Journey("Scale", emotion_scale=(-2, 2, 0))
    lane = journey.add_lane("Feeling", "emotion")
    journey.add_stage("A", steps=["Low", "Mid", "High"])
    for step, value in zip(journey.steps, (-2, 0, 2), strict=True):
        journey.set_cell(lane, step.id, value)
    text, lost = export_mermaid(journey)
    assert [t.score for t in parse_mermaid(text).sections[0].tasks] == [1, 3, 5]
    assert "the emotion scale -2..2 (neutral 0) was mapped onto Mermaid's 1..5" in lost


def test_map_without_emotion_lane() -> None:
    journey = Journey("No feelings")
    journey.add_stage("A", steps=["One"])
    text, lost = export_mermaid(journey)
    assert text == "journey\n    title No feelings\n    section A\n      One: 3\n"
    assert "the map has no emotion lane: every task gets the neutral score 3" in lost


def test_persona_without_values_is_reported() -> None:
    journey = Journey.from_mermaid(DOCS_EXAMPLE)
    journey.add_persona("Dog")
    _, lost = export_mermaid(journey)
    assert "persona 'Dog' (no emotion values, so not an actor)" in lost


# ---------------------------------------------------------------- properties

_forbidden = set(":#;,\r\n\u200b")  # '%', keywords and unicode are all allowed
_name = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=25)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: bool(s) and not (set(s) & _forbidden))
)


@settings(max_examples=60, deadline=None)
@given(
    title=st.one_of(st.just(""), _name),
    stages=st.lists(st.tuples(_name, st.lists(_name, max_size=4)), min_size=1, max_size=4),
    actors=st.lists(_name, min_size=1, max_size=3, unique_by=str.casefold),
    data=st.data(),
)
def test_mermaid_round_trip_preserves_stages_steps_scores_actors(
    title: str, stages: list[tuple[str, list[str]]], actors: list[str], data: st.DataObject
) -> None:
    journey = Journey(title, persona=actors[0])
    for actor in actors[1:]:
        journey.add_persona(actor)
    lane = journey.add_lane("Emotion", "emotion")
    for name, steps in stages:
        journey.add_stage(name, steps=steps)
    expected = []
    for step in journey.steps:
        who = data.draw(st.lists(st.sampled_from(journey.personas), min_size=1, max_size=3, unique=True))
        score = data.draw(st.one_of(st.integers(1, 5), st.sampled_from([1.5, 2.25, 4.5])))
        for persona in who:
            journey.set_cell(lane, step.id, score, persona=persona.id)
        expected.append((step.name, score, {p.name for p in who}))
    text, _ = export_mermaid(journey)
    again = _quiet(text)
    assert again.title == title
    assert [s.name for s in again.stages] == [name for name, _ in stages]
    assert [[t.name for t in s.steps] for s in again.stages] == [steps for _, steps in stages]
    got = []
    for step in again.steps:
        value = _scores(again, step.id)
        names = {p.name for p in again.personas if p.id in value}
        scores = set(value.values())
        assert len(scores) == 1
        got.append((step.name, scores.pop(), names))
    assert got == expected
