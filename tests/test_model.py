"""The document model: operations, validation errors, history, observers, JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from jmwidget import Change, ConflictError, DocumentError, Journey, JourneyError, OperationError


def test_structure_reads_back(small: Journey) -> None:
    assert [s.name for s in small.stages] == ["Discover", "Apply"]
    assert [s.id for s in small.steps] == ["see-advert", "compare-banks", "fill-form"]
    assert [lane.kind for lane in small.lanes] == ["text", "channels", "emotion", "metric", "cards"]
    assert small.get_cell("Emotion", "Fill form") == 2
    assert small.get_cell("Emotion", "Fill form", persona="Bo") == 1
    assert small.get_cell("Channels", "compare-banks") == ["Website", "Mobile app"]
    assert small.cards("pains", "fill-form")[0]["impact"] == "work-around"


def test_errors_are_value_errors_that_name_place_and_rule(small: Journey) -> None:
    before = small.to_json()
    with pytest.raises(ValueError, match=r"lane 'Emotion' takes numbers 1-5, got number 9") as info:
        small.set_cell("emotion", "fill-form", 9)
    assert isinstance(info.value, OperationError)
    assert "'Fill form'" in str(info.value)
    with pytest.raises(OperationError, match=r"lane 'Conversion' takes a finite number, got text 'lots'"):
        small.set_cell("conversion", "fill-form", "lots")
    with pytest.raises(OperationError, match=r"vocabulary \(Website, Mobile app, Branch\), got 'Fax'"):
        small.set_cell("channels", "fill-form", ["Fax"])
    with pytest.raises(OperationError, match=r"lane 'Actions' takes text, got number 3"):
        small.set_cell("actions", "fill-form", 3)
    with pytest.raises(OperationError, match=r"cards go in cards lanes"):
        small.add_card("actions", "fill-form", "x")
    with pytest.raises(
        OperationError, match=r"no step 'Pay' \(the steps: 'See advert', 'Compare banks', 'Fill form'\)"
    ):
        small.set_cell("actions", "Pay", "x")
    lone = Journey()
    with pytest.raises(OperationError, match="at least one persona"):
        lone.delete_persona(lone.personas[0].id)
    assert small.to_json() == before


def test_operation_shape_errors_name_the_field(small: Journey) -> None:
    with pytest.raises(OperationError, match=r"set_cell: \$: 'step' is a required property"):
        small.apply({"op": "set_cell", "lane": "actions", "value": "x"})
    with pytest.raises(OperationError, match="unknown operation 'explode'"):
        small.apply({"op": "explode"})
    with pytest.raises(OperationError, match=r"move_stage: \$.index"):
        small.apply({"op": "move_stage", "stage": "apply", "index": -1})


def test_failed_batch_changes_nothing(small: Journey) -> None:
    before = small.to_json()
    revision = small.revision
    with pytest.raises(OperationError, match=r"batch item 1: .*takes numbers 1-5"):
        small.apply(
            {
                "op": "batch",
                "ops": [
                    {"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "typed"},
                    {"op": "set_cell", "lane": "emotion", "step": "fill-form", "value": 7},
                ],
            }
        )
    assert small.to_json() == before
    assert small.revision == revision


def test_failed_transaction_rolls_back(small: Journey) -> None:
    before = small.to_json()

    def edits() -> None:
        with small.transaction("two edits"):
            small.set_cell("actions", "fill-form", "typed")
            small.rename_stage("apply", "Application")
            small.set_cell("emotion", "fill-form", 0)

    with pytest.raises(OperationError):
        edits()
    assert small.to_json() == before


def test_transaction_is_one_undo_step_and_one_event(small: Journey) -> None:
    changes: list[Change] = []
    small.observe(changes.append)
    before = small.to_json()
    with small.transaction("survey import"):
        small.set_cell("emotion", "see-advert", 5)
        small.set_cell("emotion", "compare-banks", 3)
    assert len(changes) == 1
    assert changes[0].label == "survey import"
    assert changes[0].op is not None
    assert len(changes[0].op["ops"]) == 2
    small.undo()
    assert small.to_json() == before


def test_delete_stage_removes_its_cells_and_undo_restores_them(small: Journey) -> None:
    before = small.to_dict()
    small.delete_stage("Apply")
    assert "fill-form" not in small.to_dict()["cells"]["emotion"]
    assert "fill-form" not in small.to_dict()["cells"]["pains"]
    small.undo()
    assert small.to_dict() == before
    small.redo()
    assert [s.name for s in small.stages] == ["Discover"]


def test_moves(small: Journey) -> None:
    small.move_stage("apply", 0)
    assert [s.id for s in small.stages] == ["apply", "discover"]
    small.move_step("see-advert", 1, stage="apply")
    assert [s.id for s in small.steps] == ["fill-form", "see-advert", "compare-banks"]
    small.move_lane("pains", 0)
    assert small.lanes[0].id == "pains"
    card = small.cards("pains", "fill-form")[0]["id"]
    small.move_card(card, "pains", "see-advert")
    assert small.card(card)["step"] == "see-advert"
    assert small.get_cell("pains", "fill-form") is None
    with pytest.raises(OperationError, match="index must be 0-1"):
        small.move_stage("apply", 2)


def test_ids_are_stable_across_renames(small: Journey) -> None:
    small.rename_step("fill-form", "Complete application")
    small.rename_lane("emotion", "Feeling")
    assert small.get_cell("Feeling", "Complete application") == 2
    assert small.step_id("Complete application") == "fill-form"


def test_generated_ids_are_unique_and_readable() -> None:
    j = Journey()
    a = j.add_stage("Pay")
    b = j.add_step(a, "Pay")
    c = j.add_lane("Pay", "text")
    assert (a, b, c) == ("pay", "pay-2", "pay-3")
    with pytest.raises(OperationError, match="already used"):
        j.add_stage("Other", id="pay")


def test_ambiguous_names_ask_for_an_id() -> None:
    j = Journey()
    j.add_stage("Stage", steps=["Wait", "Wait"])
    with pytest.raises(OperationError, match="2 steps are named 'Wait'; use an id"):
        j.step_id("Wait")


def test_card_edits(small: Journey) -> None:
    card = small.add_card("pains", "see-advert", "Small print unreadable", tag="legal")
    small.edit_card(card, text="Fees hidden", impact="abandons", tag=None)
    assert small.card(card) == {
        "id": card,
        "text": "Fees hidden",
        "impact": "abandons",
        "lane": "pains",
        "step": "see-advert",
    }
    with pytest.raises(OperationError, match="needs some text"):
        small.edit_card(card, text="  ")
    with pytest.raises(OperationError, match=r"impact"):
        small.edit_card(card, impact="catastrophic")
    small.delete_card(card)
    with pytest.raises(OperationError, match="no card"):
        small.card(card)


def test_emotion_scale_is_configurable_and_guarded() -> None:
    j = Journey(emotion_scale=(-2, 2, 0))
    j.add_stage("S", steps=["a"])
    j.add_lane("Feeling", "emotion")
    j.set_cell("Feeling", "a", -2)
    with pytest.raises(OperationError, match="takes numbers -2-2, got number 3"):
        j.set_cell("Feeling", "a", 3)
    with pytest.raises(OperationError, match="would not fit existing values"):
        j.edit(emotion_scale=(1, 5, 3))
    with pytest.raises(OperationError, match="neutral point must lie in"):
        j.edit(emotion_scale=(1, 5, 9))
    assert j.emotion_scale == (-2, 2, 0)


def test_deleting_persona_drops_its_curve_and_undo_restores(small: Journey) -> None:
    bo = small.persona_id("Bo")
    small.delete_persona(bo)
    assert small.to_dict()["cells"]["emotion"]["fill-form"] == {"persona": 2}
    small.undo()
    assert small.get_cell("emotion", "fill-form", persona="Bo") == 1


def test_channels_in_use_cannot_be_removed(small: Journey) -> None:
    with pytest.raises(OperationError, match=r"'Mobile app'.* still used"):
        small.channels = ["Website"]
    small.channels = ["Website", "Mobile app", "Branch", "Email"]
    assert small.channels[-1] == "Email"


def test_observers_see_every_change_with_origin(small: Journey) -> None:
    seen: list[tuple[int, str, str]] = []
    small.observe(lambda c: seen.append((c.revision, c.origin, c.label)))
    rev = small.revision
    small.set_cell("actions", "fill-form", "Types details")
    small.undo()
    small.redo()
    assert seen == [(rev + 1, "python", "set_cell"), (rev + 2, "undo", "set_cell"), (rev + 3, "redo", "set_cell")]


def test_failing_observer_does_not_stop_others(small: Journey) -> None:
    seen: list[int] = []

    def broken(_change: Change) -> None:
        raise RuntimeError("observer bug")

    small.observe(broken)
    small.observe(lambda c: seen.append(c.revision))
    with pytest.raises(RuntimeError, match="observer bug"):
        small.set_cell("actions", "fill-form", "x")
    assert seen == [small.revision]
    assert small.get_cell("actions", "fill-form") == "x"


def test_undo_redo_edges() -> None:
    j = Journey()
    assert j.undo() is None
    assert j.redo() is None
    j.add_stage("A")
    j.undo()
    assert j.can_redo
    j.add_stage("B")
    assert not j.can_redo


def test_stale_edit_to_same_cell_conflicts_other_cells_survive(small: Journey) -> None:
    base = small.revision
    small.set_cell("actions", "fill-form", "from code")
    with pytest.raises(ConflictError, match=r"'Actions' x 'Fill form' was changed from Python at revision"):
        small.apply(
            {"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "from browser"},
            origin="browser",
            base=base,
        )
    assert small.get_cell("actions", "fill-form") == "from code"
    small.apply(
        {"op": "set_cell", "lane": "actions", "step": "see-advert", "value": "other"}, origin="browser", base=base
    )
    assert small.get_cell("actions", "see-advert") == "other"
    assert small.get_cell("actions", "fill-form") == "from code"


def test_stale_edit_after_browser_edit_names_the_browser(small: Journey) -> None:
    base = small.revision
    small.apply({"op": "rename_stage", "stage": "apply", "name": "Sign up"}, origin="browser", base=base)
    with pytest.raises(ConflictError, match="stage 'Sign up' was changed by browser"):
        small.apply({"op": "rename_stage", "stage": "apply", "name": "Join"}, origin="browser", base=base)


def test_json_round_trip_is_stable_and_sorted(small: Journey) -> None:
    text = small.to_json()
    again = Journey.from_json(text)
    assert again == small
    assert again.to_json() == text
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert json.loads(text)["schema"] == "jmwidget.journey"
    assert json.loads(text)["version"] == 3


def _broken(small: Journey, mutate: Any) -> dict[str, Any]:
    doc = small.to_dict()
    mutate(doc)
    return doc


def test_bad_documents_list_every_problem_by_json_path(small: Journey) -> None:
    def break_it(doc: dict[str, Any]) -> None:
        doc["stages"][0]["steps"][1]["name"] = ""
        doc["lanes"][2]["kind"] = "mood"
        doc["cells"]["conversion"]["fill-form"] = "high"
        doc["emotion_scale"]["neutral"] = "3"

    with pytest.raises(DocumentError) as info:
        Journey.from_dict(_broken(small, break_it))
    paths = [p for p, _ in info.value.problems]
    assert "$.stages[0].steps[1].name" in paths
    assert "$.lanes[2].kind" in paths
    assert "$.emotion_scale.neutral" in paths
    assert "$.cells.conversion.fill-form" in paths


def test_semantic_document_problems(small: Journey) -> None:
    def break_it(doc: dict[str, Any]) -> None:
        doc["cells"]["emotion"]["fill-form"]["persona"] = 11
        doc["cells"]["actions"]["nowhere"] = "x"
        doc["lanes"][1]["id"] = "actions"

    with pytest.raises(DocumentError) as info:
        Journey.from_dict(_broken(small, break_it))
    messages = dict(info.value.problems)
    assert "takes numbers 1-5, got number 11" in messages["$.cells.emotion.fill-form.persona"]
    assert "no step with id 'nowhere'" in messages["$.cells.actions.nowhere"]
    assert "already used" in messages["$.lanes[1].id"]


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"schema": "other"}'])
def test_not_a_journey(text: str) -> None:
    with pytest.raises(DocumentError):
        Journey.from_json(text)


def test_json_schema_rejects_unknown_fields(small: Journey) -> None:
    doc = small.to_dict()
    doc["colour"] = "blue"
    with pytest.raises(JourneyError, match=r"\$: unknown field \('colour' was unexpected\)"):
        Journey.from_dict(doc)


def test_map_fields(small: Journey) -> None:
    small.title = "Open an account online"
    small.state = "future"
    small.edit(description="Retail banking", scenario="Ana switches banks after a fee rise")
    assert (small.title, small.state, small.scenario) == (
        "Open an account online",
        "future",
        "Ana switches banks after a fee rise",
    )
    with pytest.raises(OperationError, match="state"):
        small.state = "past"  # type: ignore[assignment]
    small.edit_persona("Ana", goals=("Switch in one evening",), quote="I just want it done")
    assert small.personas[0].goals == ("Switch in one evening",)


def test_lane_fields_follow_kind(small: Journey) -> None:
    small.edit_lane("conversion", unit="%", higher_is_better=True)
    assert small.lane("conversion").higher_is_better is True
    with pytest.raises(OperationError, match="unit applies to metric lanes only"):
        small.edit_lane("actions", unit="s")
    with pytest.raises(OperationError, match="apply to metric lanes only"):
        small.add_lane("Notes", "text", unit="s")


def test_versions_agree() -> None:
    from pathlib import Path

    import tomllib

    import jmwidget

    root = Path(__file__).resolve().parents[1]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    package = json.loads((root / "package.json").read_text())
    assert pyproject["project"]["version"] == jmwidget.__version__ == package["version"]


def test_core_model_imports_no_jupyter() -> None:
    import subprocess
    import sys

    code = (
        "import sys, jmwidget\n"
        "j = jmwidget.Journey('x'); j.add_stage('a', steps=['b']); j.to_json()\n"
        "heavy = {'ipywidgets', 'anywidget', 'traitlets', 'IPython', 'pandas', 'altair'}\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in heavy]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_copies_and_pickles_are_independent_documents() -> None:
    import copy
    import pickle

    j = Journey.from_template("onboarding")
    for twin in (copy.copy(j), copy.deepcopy(j), pickle.loads(pickle.dumps(j))):
        assert twin == j
        assert twin is not j
        twin.edit(title="Changed")
        assert j.title != "Changed"
