"""Frozen views that a Journey hands out: Step, Stage, Lane, Persona, and Change (one applied change)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ._patches import Patch, TargetKey

Origin = Literal["python", "browser", "undo", "redo", "load", "file"]


@dataclass(frozen=True)
class Step:
    """A step (a column of the map), inside a stage."""

    id: str
    name: str
    stage_id: str


@dataclass(frozen=True)
class Stage:
    """A stage (phase) holding steps in order."""

    id: str
    name: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Lane:
    """A lane (a row of the map) of one kind."""

    id: str
    name: str
    kind: str
    unit: str | None = None
    format: str | None = None
    description: str | None = None
    higher_is_better: bool | None = None
    zone: str | None = None


@dataclass(frozen=True)
class Persona:
    """Who the journey is about."""

    id: str
    name: str
    role: str = ""
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    quote: str = ""
    backstory: str = ""


@dataclass(frozen=True)
class Change:
    """One applied change, as passed to ``Journey.observe`` callbacks."""

    revision: int
    origin: Origin
    label: str
    op: dict[str, Any] | None
    patches: list[Patch]
    inverse: list[Patch]
    targets: frozenset[TargetKey] = field(default_factory=frozenset)
    req: str | None = None
