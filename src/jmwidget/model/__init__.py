"""The document model: a journey map or service blueprint as validated, invertible operations.

Pure Python: no Jupyter, pandas or Altair import. Every other layer (tables, charts, analysis,
pictures, formats, the Jupyter widget) is an adapter around :class:`Journey`.
"""

from __future__ import annotations

from ._blueprint import ANNOTATION_FIELDS, LINES, ZONE_NAMES, ZONES, BlueprintLine, Connection, Endpoint
from ._errors import (
    ConflictError,
    DocumentError,
    JourneyError,
    JourneyFileError,
    LockedError,
    LossyFormatWarning,
    MermaidSyntaxError,
    NotAJourneyError,
    OperationError,
    UnsupportedVersionError,
)
from ._evidence import (
    EVIDENCE_FIELDS,
    SMALL_N,
    cell_number,
    evidence_cells,
    evidence_of,
    has_evidence,
    is_small_n,
    without_evidence,
)
from ._journey import Change, Journey, Lane, Persona, Stage, Step, document_json
from ._journey_bindings import Binding
from ._lock import Lock
from ._merge import Conflict, Merged
from ._migrations import CURRENT_VERSION, upgrade
from ._shared import GRID
from ._templates import load_template, template_names
from ._validation import SCHEMA_NAME, SCHEMA_VERSION

__all__ = [
    "ANNOTATION_FIELDS",
    "CURRENT_VERSION",
    "EVIDENCE_FIELDS",
    "GRID",
    "LINES",
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "SMALL_N",
    "ZONES",
    "ZONE_NAMES",
    "Binding",
    "BlueprintLine",
    "Change",
    "Conflict",
    "ConflictError",
    "Connection",
    "DocumentError",
    "Endpoint",
    "Journey",
    "JourneyError",
    "JourneyFileError",
    "Lane",
    "Lock",
    "LockedError",
    "LossyFormatWarning",
    "Merged",
    "MermaidSyntaxError",
    "NotAJourneyError",
    "OperationError",
    "Persona",
    "Stage",
    "Step",
    "UnsupportedVersionError",
    "cell_number",
    "document_json",
    "evidence_cells",
    "evidence_of",
    "has_evidence",
    "is_small_n",
    "load_template",
    "template_names",
    "upgrade",
    "without_evidence",
]
