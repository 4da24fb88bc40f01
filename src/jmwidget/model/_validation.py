"""The JSON Schema shipped with the package, and validation that reports JSON paths.

Valid input (nearly all of it) is checked by a compiled validator (jsonschema-rs), so loading a
large map costs little more than parsing it; only input that fails is validated again with
jsonschema, whose errors name every JSON path and rule.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from ._errors import DocumentError, OperationError

SCHEMA_NAME = "jmwidget.journey"
SCHEMA_VERSION = 3


@cache
def schema() -> dict[str, Any]:
    """The journey JSON Schema (draft 2020-12) as a dict."""
    text = files("jmwidget").joinpath("schema", "journey.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(definition: str | None) -> Draft202012Validator:
    root = schema()
    if definition is None:
        return Draft202012Validator(root)
    registry: Registry[Any] = Registry().with_resource(root["$id"], Resource.from_contents(root))
    return Draft202012Validator({"$ref": f"{root['$id']}#/$defs/{definition}"}, registry=registry)


@cache
def _fast_validator(definition: str | None) -> Any:
    """A compiled validator of the whole schema, or of one of its ``$defs``."""
    root = schema()
    target = root
    if definition is not None:  # the definition alone, with the other definitions it refers to
        target = {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema_rs.validator_for(target)


def _is_valid(definition: str | None, instance: Any) -> bool:
    """Whether ``instance`` is valid, by the compiled validator; False when it cannot tell."""
    try:
        return bool(_fast_validator(definition).is_valid(instance))
    except (ValueError, OverflowError, RecursionError):  # e.g. an integer beyond 64 bits
        return False


def json_path(parts: Any) -> str:
    """Format a jsonschema path deque as ``$.a[0].b``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


MESSAGE_CHARS = 300  # a problem's message quotes at most about this much of the value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MESSAGE_CHARS else f"{text[: MESSAGE_CHARS // 2]}...{text[-20:]}"


def _describe(error: ValidationError) -> str:
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return f"at most {error.validator_value} characters, got {len(error.instance)}"
    if error.validator == "additionalProperties":
        return str(error.message).replace("Additional properties are not allowed", "unknown field")
    if error.validator in ("oneOf", "anyOf") and error.context:
        return _describe(min(error.context, key=lambda e: len(e.message)))
    message = str(error.message)
    if len(message) > MESSAGE_CHARS:  # it quotes a long value: quote the start and the end
        message = message.replace(repr(error.instance), _short(error.instance))
    return message


def _problems(definition: str | None, instance: Any) -> list[tuple[str, str]]:
    if _is_valid(definition, instance):
        return []
    errors = sorted(_validator(definition).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [(json_path(e.absolute_path), _describe(e)) for e in errors]


def validate_document(doc: Any) -> None:
    """Raise DocumentError listing every schema problem in ``doc``."""
    problems = _problems(None, doc)
    if problems:
        raise DocumentError(problems)


OP_DEFINITIONS = {
    "edit_map": "EditMapOp",
    "add_persona": "AddPersonaOp",
    "edit_persona": "EditPersonaOp",
    "delete_persona": "DeletePersonaOp",
    "add_stage": "AddStageOp",
    "rename_stage": "RenameStageOp",
    "move_stage": "MoveStageOp",
    "delete_stage": "DeleteStageOp",
    "add_step": "AddStepOp",
    "rename_step": "RenameStepOp",
    "move_step": "MoveStepOp",
    "delete_step": "DeleteStepOp",
    "add_lane": "AddLaneOp",
    "edit_lane": "EditLaneOp",
    "move_lane": "MoveLaneOp",
    "delete_lane": "DeleteLaneOp",
    "set_cell": "SetCellOp",
    "add_card": "AddCardOp",
    "edit_card": "EditCardOp",
    "move_card": "MoveCardOp",
    "delete_card": "DeleteCardOp",
    "add_connection": "AddConnectionOp",
    "edit_connection": "EditConnectionOp",
    "delete_connection": "DeleteConnectionOp",
    "set_annotation": "SetAnnotationOp",
    "add_binding": "AddBindingOp",
    "set_binding_run": "SetBindingRunOp",
    "delete_binding": "DeleteBindingOp",
    "batch": "BatchOp",
}


def validate_operation(op: Any) -> None:
    """Raise OperationError if ``op`` does not have the shape of a known operation."""
    if not isinstance(op, dict) or not isinstance(op.get("op"), str):
        raise OperationError("an operation is an object with an 'op' field naming it")
    name = op["op"]
    definition = OP_DEFINITIONS.get(name)
    if definition is None:
        known = ", ".join(sorted(OP_DEFINITIONS))
        raise OperationError(f"unknown operation {name!r}; known operations: {known}")
    if name == "batch":
        _validate_batch(op)
        return
    problems = _problems(definition, op)
    if problems:
        detail = "; ".join(f"{path}: {message}" for path, message in problems)
        raise OperationError(f"{name}: {detail}")


def validate_message(definition: str, message: Any) -> list[tuple[str, str]]:
    """Problems of a sync message against ``ClientMessage`` or ``ServerMessage``."""
    return _problems(definition, message)


def _validate_batch(op: dict[str, Any]) -> None:
    extra = set(op) - {"op", "ops", "label"}
    if extra:
        raise OperationError(f"batch: unknown field(s) {', '.join(sorted(extra))}")
    if not isinstance(op.get("ops"), list):
        raise OperationError("batch: $.ops must be a list of operations")
    if "label" in op and not isinstance(op["label"], str):
        raise OperationError("batch: $.label must be a string")
    for index, sub in enumerate(op["ops"]):
        try:
            validate_operation(sub)
        except OperationError as exc:
            raise OperationError(f"batch: $.ops[{index}]: {exc}") from None
