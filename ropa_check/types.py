"""The types a rule pack works with: the views rules are called with, the record's data, and places in it.

Rules are called with views (:class:`ActivityView`, :class:`CategoryView`,
:class:`OrganisationView`, :class:`ProcessorActivityView`, a recipient's
:class:`Located`, the whole :class:`Record`); each view's ``.model`` is the
validated, immutable data of that part of the record, an instance of the class
of the same name below (its fields are documented in ``ropa_check/format/model.py``).
A :class:`Ref` is a place in a file, for :class:`ropa_check.Problem`'s ``at``.
This module is public API: import from here, not from the modules it names.
"""

from __future__ import annotations

from ropa_check.document import Document, Ref
from ropa_check.format.compiled_model import (
    Activity,
    AutomatedDecision,
    Children,
    Controller,
    ControllerRef,
    DataCategory,
    DataLocation,
    DataSubject,
    DirectMarketing,
    Dpia,
    Dpo,
    LargeScale,
    LawfulBasis,
    NationalIdJustification,
    Organisation,
    OutcomeRetention,
    Party,
    ProcessorActivity,
    Profiling,
    Purpose,
    Recipient,
    RecordFile,
    RecordMeta,
    Retention,
    Rights,
    Source,
    SubProcessor,
    TerminalEquipmentAccess,
    Transfer,
    Vocabularies,
)
from ropa_check.paths import Path, PathPart
from ropa_check.record import (
    ActivityView,
    Basis,
    CategoryView,
    Located,
    OrganisationView,
    ProcessorActivityView,
    Record,
)

__all__ = [
    "Activity",
    "ActivityView",
    "AutomatedDecision",
    "Basis",
    "CategoryView",
    "Children",
    "Controller",
    "ControllerRef",
    "DataCategory",
    "DataLocation",
    "DataSubject",
    "DirectMarketing",
    "Document",
    "Dpia",
    "Dpo",
    "LargeScale",
    "LawfulBasis",
    "Located",
    "NationalIdJustification",
    "Organisation",
    "OrganisationView",
    "OutcomeRetention",
    "Party",
    "Path",
    "PathPart",
    "ProcessorActivity",
    "ProcessorActivityView",
    "Profiling",
    "Purpose",
    "Recipient",
    "Record",
    "RecordFile",
    "RecordMeta",
    "Ref",
    "Retention",
    "Rights",
    "Source",
    "SubProcessor",
    "TerminalEquipmentAccess",
    "Transfer",
    "Vocabularies",
]
