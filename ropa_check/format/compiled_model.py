"""The record format, compiled for start-up: data classes and their validator.

GENERATED from ropa_check.format.model by ``python -m ropa_check.format.model_compiler``; do not edit.

Each class has the fields of the pydantic model of the same name in
:mod:`ropa_check.format.model` (where they are documented) and is immutable.
``validate_record_file`` is pydantic-core validation with the models' own core
schema, so it accepts, rejects and reports exactly what the models do, without
importing pydantic's model machinery.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic_core import SchemaError, SchemaValidator

from ropa_check.format.immutable import Data, Keys, use_validators

FORMAT_VERSION = "1.1"

#: The pydantic and pydantic-core this module was generated with (.ci/constraints.txt pins the same).
GENERATED_WITH: dict[str, str] = {"pydantic": "2.14.4", "pydantic-core": "2.50.5"}

Art6 = Literal["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"]
RecipientKind = Literal["internal", "processor", "controller", "joint_controller", "authority", "public"]
SourceType = Literal[
    "data_subject",
    "guardian",
    "third_party",
    "public_register",
    "social_media",
    "partner",
    "credit_agency",
    "generated",
]
Right = Literal[
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "withdraw_consent",
    "human_intervention",
    "express_view",
    "contest_decision",
]
Mechanism = Literal[
    "adequacy",
    "dpf",
    "scc",
    "bcr",
    "art46_other",
    "art49_derogation",
    "privacy_shield",
    "safe_harbour",
]


class WaiverEntry(Data):
    """One waiver: codes a finding may have here and below, and why that is accepted."""

    __slots__ = ()
    codes: list[str] | None
    reason: str | None
    approver: str | None
    expires: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "codes": None,
        "reason": None,
        "approver": None,
        "expires": None,
    }


class Waivers(Data):
    """The ``x-ropa-check`` key: waivers for this mapping and everything below it."""

    __slots__ = ()
    ignore: list[WaiverEntry]

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "ignore": WaiverEntry,
    }


class Controller(Data):
    """The controller, Art. 30(1)(a)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    name: str | None
    org_number: str | None
    country: str | None
    address: str | None
    email: str | None
    phone: str | None
    url: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "name": None,
        "org_number": None,
        "country": None,
        "address": None,
        "email": None,
        "phone": None,
        "url": None,
    }


class Party(Data):
    """A joint controller or representative with contact details."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    name: str | None
    address: str | None
    email: str | None
    phone: str | None
    country: str | None
    arrangement_ref: str | None
    arrangement_essence_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "name": None,
        "address": None,
        "email": None,
        "phone": None,
        "country": None,
        "arrangement_ref": None,
        "arrangement_essence_ref": None,
    }


class Dpo(Data):
    """The data protection officer, or the assessment that none is required (Art. 37)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    designated: bool | None
    name: str | None
    email: str | None
    phone: str | None
    assessment_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "designated": None,
        "name": None,
        "email": None,
        "phone": None,
        "assessment_ref": None,
    }


class RecordMeta(Data):
    """The record's own metadata: it is a living document (Art. 30(3), 5(2))."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    version: str | None
    owner: str | None
    created: dt.date | None
    last_reviewed: dt.date | None
    language: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "version": None,
        "owner": None,
        "created": None,
        "last_reviewed": None,
        "language": None,
    }


class Rights(Data):
    """Data subject rights offered, Art. 12–22."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    available: list[Right]
    procedure_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "available": None,
        "procedure_ref": None,
    }


class Organisation(Data):
    """Who the record is about: Art. 30(1)(a) and the record's metadata."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    controller: Controller | None
    processor: Controller | None
    joint_controllers: list[Party] | None
    representative: Party | None
    dpo: Dpo | None
    supervisory_authority: str | None
    headcount: int | None
    public_authority: bool | None
    representative_exemption: str | None
    art30_5_exemption_claimed: bool | None
    membership_art9_assessment: str | None
    lawful_basis_statement: str | None
    security_measures: list[str] | str | None
    security_policy_ref: str | None
    breach_register_ref: str | None
    privacy_notice_ref: str | None
    rights: Rights | None
    record: RecordMeta | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "controller": Controller,
        "processor": Controller,
        "joint_controllers": Party,
        "representative": Party,
        "dpo": Dpo,
        "supervisory_authority": None,
        "headcount": None,
        "public_authority": None,
        "representative_exemption": None,
        "art30_5_exemption_claimed": None,
        "membership_art9_assessment": None,
        "lawful_basis_statement": None,
        "security_measures": None,
        "security_policy_ref": None,
        "breach_register_ref": None,
        "privacy_notice_ref": None,
        "rights": Rights,
        "record": RecordMeta,
    }


class SubProcessor(Data):
    """(1.1) A processor's sub-processor, with where it processes and on what transfer mechanism (Art. 28(4), 44)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    name: str
    country: str | None
    organisation: str | None
    mechanism: Mechanism | None
    decision_ref: str | None
    scc_module: str | None
    safeguards_doc: str | None
    tia_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "name": None,
        "country": None,
        "organisation": None,
        "mechanism": None,
        "decision_ref": None,
        "scc_module": None,
        "safeguards_doc": None,
        "tia_ref": None,
    }


class Recipient(Data):
    """A recipient or category of recipients, Art. 30(1)(d); referenced by id."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    name: str | None
    kind: RecipientKind | None
    description: str | None
    country: str | None
    contract_ref: str | None
    disclosure_basis: str | None
    arrangement_ref: str | None
    arrangement_essence_ref: str | None
    dpf_certified: bool | None
    sub_processors: list[str | SubProcessor] | None
    sub_processor_authorisation: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "name": None,
        "kind": None,
        "description": None,
        "country": None,
        "contract_ref": None,
        "disclosure_basis": None,
        "arrangement_ref": None,
        "arrangement_essence_ref": None,
        "dpf_certified": None,
        "sub_processors": SubProcessor,
        "sub_processor_authorisation": None,
    }


class Source(Data):
    """Where personal data come from, Art. 14(2)(f); referenced by id."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    name: str | None
    type: SourceType | None
    publicly_accessible: bool | None
    art14_notice: str | None
    art14_5_exemption: str | None
    partner_consent_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "name": None,
        "type": None,
        "publicly_accessible": None,
        "art14_notice": None,
        "art14_5_exemption": None,
        "partner_consent_ref": None,
    }


class LawfulBasis(Data):
    """An Art. 6(1) lawful basis and the evidence that goes with it."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    art6: Art6 | None
    legal_obligation_ref: str | None
    contract_ref: str | None
    legitimate_interest: str | None
    lia_ref: str | None
    consent_record_ref: str | None
    consent_withdrawal: str | None
    note: str | None
    children_considered: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "art6": None,
        "legal_obligation_ref": None,
        "contract_ref": None,
        "legitimate_interest": None,
        "lia_ref": None,
        "consent_record_ref": None,
        "consent_withdrawal": None,
        "note": None,
        "children_considered": None,
    }


class OutcomeRetention(Data):
    """(1.1) A retention period that applies when a processing ends in a given outcome."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    outcome: str
    duration: str | None
    start_event: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "outcome": None,
        "duration": None,
        "start_event": None,
    }


class Retention(Data):
    """How long data are kept: a duration from an event, or criteria with a review interval."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    duration: str | None
    start_event: str | None
    criteria: str | None
    review_interval: str | None
    legal_ref: str | None
    description: str | None
    justification: str | None
    by_outcome: list[OutcomeRetention] | None
    disposal_decision_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "duration": None,
        "start_event": None,
        "criteria": None,
        "review_interval": None,
        "legal_ref": None,
        "description": None,
        "justification": None,
        "by_outcome": OutcomeRetention,
        "disposal_decision_ref": None,
    }


class Purpose(Data):
    """A purpose of the processing, Art. 30(1)(b)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    description: str | None
    tags: list[str]
    lawful_basis: LawfulBasis | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "description": None,
        "tags": None,
        "lawful_basis": LawfulBasis,
    }


class DataSubject(Data):
    """A category of data subjects, Art. 30(1)(c)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    name: str | None
    tags: list[str]
    min_age: int | None
    description: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "name": None,
        "tags": None,
        "min_age": None,
        "description": None,
    }


class NationalIdJustification(Data):
    """Why national identification numbers are processed without consent."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    ground: Literal["purpose", "secure_identification", "other_considerable_reason"] | None
    text: str | None
    statute_ref: str | None
    approved_by: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "ground": None,
        "text": None,
        "statute_ref": None,
        "approved_by": None,
    }


class FurtherProcessing(Data):
    """(1.1) Data used for a purpose other than the one they were collected for (Art. 6(4))."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    collected_for: list[str] | None
    compatibility_assessment_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "collected_for": None,
        "compatibility_assessment_ref": None,
    }


class DataCategory(Data):
    """A category of personal data, Art. 30(1)(c)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    name: str | None
    description: str | None
    tags: list[str]
    subjects: list[str] | None
    purposes: list[str] | None
    lawful_basis: LawfulBasis | None
    retention: Retention | None
    recipients: list[str] | None
    sources: list[str] | None
    anonymous: bool | None
    anonymisation_ref: str | None
    accuracy_note: str | None
    art9_condition: str | None
    art9_law: str | None
    art10_authority: str | None
    consent_record_ref: str | None
    guardian_consent_ref: str | None
    national_id_justification: NationalIdJustification | None
    necessity_note: str | None
    used_as_member_id: bool | None
    further_processing: FurtherProcessing | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "name": None,
        "description": None,
        "tags": None,
        "subjects": None,
        "purposes": None,
        "lawful_basis": LawfulBasis,
        "retention": Retention,
        "recipients": None,
        "sources": None,
        "anonymous": None,
        "anonymisation_ref": None,
        "accuracy_note": None,
        "art9_condition": None,
        "art9_law": None,
        "art10_authority": None,
        "consent_record_ref": None,
        "guardian_consent_ref": None,
        "national_id_justification": NationalIdJustification,
        "necessity_note": None,
        "used_as_member_id": None,
        "further_processing": FurtherProcessing,
    }


class Transfer(Data):
    """A transfer to a third country or international organisation, Art. 30(1)(e)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    country: str | None
    organisation: str | None
    recipient: str | None
    mechanism: Mechanism | None
    decision_ref: str | None
    tia_ref: str | None
    scc_module: str | None
    art49_ground: str | None
    safeguards_doc: str | None
    sa_informed_ref: str | None
    adequacy_scope_note: str | None
    regular: bool | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "country": None,
        "organisation": None,
        "recipient": None,
        "mechanism": None,
        "decision_ref": None,
        "tia_ref": None,
        "scc_module": None,
        "art49_ground": None,
        "safeguards_doc": None,
        "sa_informed_ref": None,
        "adequacy_scope_note": None,
        "regular": None,
    }


class Dpia(Data):
    """DPIA screening and status, Art. 35."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    screening: list[int] | None
    screening_ref: str | None
    required: bool | None
    not_required_reason: str | None
    status: Literal["not_started", "in_progress", "done", "approved"] | None
    ref: str | None
    date: dt.date | None
    residual_risk: Literal["low", "medium", "high"] | None
    prior_consultation_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "screening": None,
        "screening_ref": None,
        "required": None,
        "not_required_reason": None,
        "status": None,
        "ref": None,
        "date": None,
        "residual_risk": None,
        "prior_consultation_ref": None,
    }


class AutomatedDecision(Data):
    """Automated decision-making, Art. 22."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    exists: bool | None
    legal_or_similar_effect: bool | None
    art22_exception: Literal["contract", "law", "explicit_consent"] | None
    safeguards: str | None
    logic_info: str | None
    legal_ref: str | None
    third_party_score: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "exists": None,
        "legal_or_similar_effect": None,
        "art22_exception": None,
        "safeguards": None,
        "logic_info": None,
        "legal_ref": None,
        "third_party_score": None,
    }


class Profiling(Data):
    """Profiling, Art. 4(4)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    used: bool | None
    description: str | None
    objection_mechanism: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "used": None,
        "description": None,
        "objection_mechanism": None,
    }


class TerminalEquipmentAccess(Data):
    """Cookies and similar: storing or reading information on the user's device."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    used: bool | None
    technologies: list[Literal["cookie", "local_storage", "sdk", "pixel", "fingerprint", "other"]] | None
    strictly_necessary: bool | None
    consent_mechanism: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "used": None,
        "technologies": None,
        "strictly_necessary": None,
        "consent_mechanism": None,
    }


class DirectMarketing(Data):
    """Direct marketing, Art. 21(2)–(4)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    used: bool | None
    channels: list[Literal["email", "sms", "phone", "post", "online_ads", "in_app", "other"]] | None
    objection_mechanism: str | None
    marketing_consent_ref: str | None
    soft_opt_in: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "used": None,
        "channels": None,
        "objection_mechanism": None,
        "marketing_consent_ref": None,
        "soft_opt_in": None,
    }


class Children(Data):
    """How children's data are protected (recital 38)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    safeguards: str | None
    notice_ref: str | None
    profiling_justification: str | None
    information_society_service: bool | None
    age_verification: str | None
    guardian_consent_flow: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "safeguards": None,
        "notice_ref": None,
        "profiling_justification": None,
        "information_society_service": None,
        "age_verification": None,
        "guardian_consent_flow": None,
    }


class LargeScale(Data):
    """How large the processing is."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    approx_subjects: int | None
    geographic_scope: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "approx_subjects": None,
        "geographic_scope": None,
    }


class DataLocation(Data):
    """Where data are stored or hosted."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    system: str | None
    country: str | None
    provider: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "system": None,
        "country": None,
        "provider": None,
    }


class Activity(Data):
    """A processing activity in the controller role, Art. 30(1)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    name: str | None
    description: str | None
    business_function: str | None
    owner: str | None
    purposes: list[Purpose] | None
    lawful_basis: LawfulBasis | None
    data_subjects: list[DataSubject] | None
    data_categories: list[DataCategory] | None
    sources: list[str] | None
    recipients: list[str] | None
    retention: Retention | None
    transfers: list[Transfer] | None
    security_measures: list[str] | str | None
    security_policy_ref: str | None
    dpia: Dpia | None
    automated_decision: AutomatedDecision | None
    profiling: Profiling | None
    terminal_equipment_access: TerminalEquipmentAccess | None
    direct_marketing: DirectMarketing | None
    large_scale: LargeScale | None
    innovative_tech: bool | None
    public_area_monitoring: bool | None
    children: Children | None
    permit_ref: str | None
    credit_report_handling: str | None
    source_combination_note: str | None
    occasional: bool | None
    rights: Rights | None
    data_location: list[DataLocation] | None
    last_reviewed: dt.date | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "name": None,
        "description": None,
        "business_function": None,
        "owner": None,
        "purposes": Purpose,
        "lawful_basis": LawfulBasis,
        "data_subjects": DataSubject,
        "data_categories": DataCategory,
        "sources": None,
        "recipients": None,
        "retention": Retention,
        "transfers": Transfer,
        "security_measures": None,
        "security_policy_ref": None,
        "dpia": Dpia,
        "automated_decision": AutomatedDecision,
        "profiling": Profiling,
        "terminal_equipment_access": TerminalEquipmentAccess,
        "direct_marketing": DirectMarketing,
        "large_scale": LargeScale,
        "innovative_tech": None,
        "public_area_monitoring": None,
        "children": Children,
        "permit_ref": None,
        "credit_report_handling": None,
        "source_combination_note": None,
        "occasional": None,
        "rights": Rights,
        "data_location": DataLocation,
        "last_reviewed": None,
    }


class ControllerRef(Data):
    """A controller on whose behalf a processor acts, Art. 30(2)(a)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    name: str | None
    address: str | None
    email: str | None
    phone: str | None
    country: str | None
    contract_ref: str | None
    representative: Party | None
    representative_exemption: str | None
    dpo: Dpo | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "name": None,
        "address": None,
        "email": None,
        "phone": None,
        "country": None,
        "contract_ref": None,
        "representative": Party,
        "representative_exemption": None,
        "dpo": Dpo,
    }


class ProcessorActivity(Data):
    """Processing carried out on behalf of a controller, Art. 30(2)."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    id: str
    name: str | None
    controllers: list[ControllerRef] | None
    processing_categories: list[str] | None
    sub_processors: list[str] | None
    transfers: list[Transfer] | None
    security_measures: list[str] | str | None
    security_policy_ref: str | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "id": None,
        "name": None,
        "controllers": ControllerRef,
        "processing_categories": None,
        "sub_processors": None,
        "transfers": Transfer,
        "security_measures": None,
        "security_policy_ref": None,
    }


class Vocabularies(Data):
    """Project-specific tags added to the shipped vocabularies."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    purpose: dict[str, str]
    data_subject: dict[str, str]
    data_category: dict[str, str]

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "purpose": None,
        "data_subject": None,
        "data_category": None,
    }


class RecordFile(Data):
    """One file of a record. A record is one file or a folder of files."""

    __slots__ = ()
    x_ropa_check: Waivers | None
    schema_: str | None
    ropa_format: Literal[1, "1.1"] | None
    organisation: Organisation | None
    activities: list[Activity] | None
    processor_activities: list[ProcessorActivity] | None
    recipients: list[Recipient] | None
    sources: list[Source] | None
    vocabularies: Vocabularies | None

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {
        "x-ropa-check": Waivers,
        "$schema": None,
        "ropa_format": None,
        "organisation": Organisation,
        "activities": Activity,
        "processor_activities": ProcessorActivity,
        "recipients": Recipient,
        "sources": Source,
        "vocabularies": Vocabularies,
    }


# ------------------------------------------------------------- core schema


def optional(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "default", "schema": {"type": "nullable", "schema": schema}, "default": None}


def field(schema: dict[str, Any], alias: str | None = None) -> dict[str, Any]:
    out = {"type": "model-field", "schema": schema}
    if alias is not None:
        out.update(validation_alias=alias, serialization_alias=alias)
    return out


def ref(model: str) -> dict[str, Any]:
    return {"type": "definition-ref", "schema_ref": f"ropa_check.format.model.{model}"}


def list_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "list", "items_schema": schema}


ID = {"type": "str", "max_length": 100, "pattern": "^[a-z0-9][a-z0-9_.-]*$"}
TAG = {"type": "str", "pattern": "^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$"}
COUNTRY = {"type": "str", "pattern": "^([A-Z]{2}|unknown)$"}
DURATION = {"type": "str", "pattern": "^(P(\\d+[YMWD])+(T(\\d+[HMS])+)?|PT(\\d+[HMS])+)$"}
TEXT = {"type": "str", "min_length": 1}
ART6 = {
    "type": "literal",
    "expected": ["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"],
}
RECIPIENT_KIND = {
    "type": "literal",
    "expected": ["internal", "processor", "controller", "joint_controller", "authority", "public"],
}
SOURCE_TYPE = {
    "type": "literal",
    "expected": [
        "data_subject",
        "guardian",
        "third_party",
        "public_register",
        "social_media",
        "partner",
        "credit_agency",
        "generated",
    ],
}
RIGHT = {
    "type": "literal",
    "expected": [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw_consent",
        "human_intervention",
        "express_view",
        "contest_decision",
    ],
}
MECHANISM = {
    "type": "literal",
    "expected": ["adequacy", "dpf", "scc", "bcr", "art46_other", "art49_derogation", "privacy_shield", "safe_harbour"],
}

RECORD_META = {
    "type": "model",
    "cls": RecordMeta,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "version": field(optional(TEXT)),
            "owner": field(optional(TEXT)),
            "created": field(optional({"type": "date"})),
            "last_reviewed": field(optional({"type": "date"})),
            "language": field(optional({"type": "str"})),
        },
        "model_name": "RecordMeta",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "RecordMeta"},
    "ref": "ropa_check.format.model.RecordMeta",
}
ORGANISATION = {
    "type": "model",
    "cls": Organisation,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "controller": field(optional(ref("Controller"))),
            "processor": field(optional(ref("Controller"))),
            "joint_controllers": field(optional(list_of(ref("Party")))),
            "representative": field(optional(ref("Party"))),
            "dpo": field(optional(ref("Dpo"))),
            "supervisory_authority": field(optional(TEXT)),
            "headcount": field(optional({"type": "int", "ge": 0})),
            "public_authority": field(optional({"type": "bool"})),
            "representative_exemption": field(optional(TEXT)),
            "art30_5_exemption_claimed": field(optional({"type": "bool"})),
            "membership_art9_assessment": field(optional(TEXT)),
            "lawful_basis_statement": field(optional(TEXT)),
            "security_measures": field(optional({"type": "union", "choices": [list_of(TEXT), TEXT]})),
            "security_policy_ref": field(optional(TEXT)),
            "breach_register_ref": field(optional(TEXT)),
            "privacy_notice_ref": field(optional(TEXT)),
            "rights": field(optional(ref("Rights"))),
            "record": field(optional(RECORD_META)),
        },
        "model_name": "Organisation",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Organisation"},
    "ref": "ropa_check.format.model.Organisation",
}
PURPOSE = {
    "type": "model",
    "cls": Purpose,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "description": field(optional(TEXT)),
            "tags": field({"type": "default", "schema": list_of(TAG), "default": []}),
            "lawful_basis": field(optional(ref("LawfulBasis"))),
        },
        "model_name": "Purpose",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Purpose"},
    "ref": "ropa_check.format.model.Purpose",
}
DATA_SUBJECT = {
    "type": "model",
    "cls": DataSubject,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "name": field(optional(TEXT)),
            "tags": field({"type": "default", "schema": list_of(TAG), "default": []}),
            "min_age": field(optional({"type": "int", "ge": 0})),
            "description": field(optional(TEXT)),
        },
        "model_name": "DataSubject",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "DataSubject"},
    "ref": "ropa_check.format.model.DataSubject",
}
NATIONAL_ID_JUSTIFICATION = {
    "type": "model",
    "cls": NationalIdJustification,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "ground": {
                "type": "model-field",
                "schema": {
                    "type": "default",
                    "schema": {
                        "type": "nullable",
                        "schema": {
                            "type": "literal",
                            "expected": ["purpose", "secure_identification", "other_considerable_reason"],
                        },
                    },
                    "default": None,
                },
            },
            "text": field(optional(TEXT)),
            "statute_ref": field(optional(TEXT)),
            "approved_by": field(optional(TEXT)),
        },
        "model_name": "NationalIdJustification",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "NationalIdJustification"},
    "ref": "ropa_check.format.model.NationalIdJustification",
}
FURTHER_PROCESSING = {
    "type": "model",
    "cls": FurtherProcessing,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "collected_for": field(optional(list_of(ID))),
            "compatibility_assessment_ref": field(optional(TEXT)),
        },
        "model_name": "FurtherProcessing",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "FurtherProcessing"},
    "ref": "ropa_check.format.model.FurtherProcessing",
}
DATA_CATEGORY = {
    "type": "model",
    "cls": DataCategory,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "name": field(optional(TEXT)),
            "description": field(optional(TEXT)),
            "tags": field({"type": "default", "schema": list_of(TAG), "default": []}),
            "subjects": field(optional(list_of(ID))),
            "purposes": field(optional(list_of(ID))),
            "lawful_basis": field(optional(ref("LawfulBasis"))),
            "retention": field(optional(ref("Retention"))),
            "recipients": field(optional(list_of(ID))),
            "sources": field(optional(list_of(ID))),
            "anonymous": field(optional({"type": "bool"})),
            "anonymisation_ref": field(optional(TEXT)),
            "accuracy_note": field(optional(TEXT)),
            "art9_condition": field(optional(TEXT)),
            "art9_law": field(optional(TEXT)),
            "art10_authority": field(optional(TEXT)),
            "consent_record_ref": field(optional(TEXT)),
            "guardian_consent_ref": field(optional(TEXT)),
            "national_id_justification": field(optional(NATIONAL_ID_JUSTIFICATION)),
            "necessity_note": field(optional(TEXT)),
            "used_as_member_id": field(optional({"type": "bool"})),
            "further_processing": field(optional(FURTHER_PROCESSING)),
        },
        "model_name": "DataCategory",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "DataCategory"},
    "ref": "ropa_check.format.model.DataCategory",
}
DPIA = {
    "type": "model",
    "cls": Dpia,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "screening": field(optional(list_of({"type": "int"}))),
            "screening_ref": field(optional(TEXT)),
            "required": field(optional({"type": "bool"})),
            "not_required_reason": field(optional(TEXT)),
            "status": {
                "type": "model-field",
                "schema": optional({"type": "literal", "expected": ["not_started", "in_progress", "done", "approved"]}),
            },
            "ref": field(optional(TEXT)),
            "date": field(optional({"type": "date"})),
            "residual_risk": field(optional({"type": "literal", "expected": ["low", "medium", "high"]})),
            "prior_consultation_ref": field(optional(TEXT)),
        },
        "model_name": "Dpia",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Dpia"},
    "ref": "ropa_check.format.model.Dpia",
}
AUTOMATED_DECISION = {
    "type": "model",
    "cls": AutomatedDecision,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "exists": field(optional({"type": "bool"})),
            "legal_or_similar_effect": field(optional({"type": "bool"})),
            "art22_exception": {
                "type": "model-field",
                "schema": optional({"type": "literal", "expected": ["contract", "law", "explicit_consent"]}),
            },
            "safeguards": field(optional(TEXT)),
            "logic_info": field(optional(TEXT)),
            "legal_ref": field(optional(TEXT)),
            "third_party_score": field(optional(TEXT)),
        },
        "model_name": "AutomatedDecision",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "AutomatedDecision"},
    "ref": "ropa_check.format.model.AutomatedDecision",
}
PROFILING = {
    "type": "model",
    "cls": Profiling,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "used": field(optional({"type": "bool"})),
            "description": field(optional(TEXT)),
            "objection_mechanism": field(optional(TEXT)),
        },
        "model_name": "Profiling",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Profiling"},
    "ref": "ropa_check.format.model.Profiling",
}
TERMINAL_EQUIPMENT_ACCESS = {
    "type": "model",
    "cls": TerminalEquipmentAccess,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "used": field(optional({"type": "bool"})),
            "technologies": {
                "type": "model-field",
                "schema": {
                    "type": "default",
                    "schema": {
                        "type": "nullable",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "literal",
                                "expected": ["cookie", "local_storage", "sdk", "pixel", "fingerprint", "other"],
                            },
                        },
                    },
                    "default": None,
                },
            },
            "strictly_necessary": field(optional({"type": "bool"})),
            "consent_mechanism": field(optional(TEXT)),
        },
        "model_name": "TerminalEquipmentAccess",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "TerminalEquipmentAccess"},
    "ref": "ropa_check.format.model.TerminalEquipmentAccess",
}
DIRECT_MARKETING = {
    "type": "model",
    "cls": DirectMarketing,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "used": field(optional({"type": "bool"})),
            "channels": {
                "type": "model-field",
                "schema": {
                    "type": "default",
                    "schema": {
                        "type": "nullable",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "literal",
                                "expected": ["email", "sms", "phone", "post", "online_ads", "in_app", "other"],
                            },
                        },
                    },
                    "default": None,
                },
            },
            "objection_mechanism": field(optional(TEXT)),
            "marketing_consent_ref": field(optional(TEXT)),
            "soft_opt_in": field(optional(TEXT)),
        },
        "model_name": "DirectMarketing",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "DirectMarketing"},
    "ref": "ropa_check.format.model.DirectMarketing",
}
LARGE_SCALE = {
    "type": "model",
    "cls": LargeScale,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "approx_subjects": field(optional({"type": "int", "ge": 0})),
            "geographic_scope": field(optional(TEXT)),
        },
        "model_name": "LargeScale",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "LargeScale"},
    "ref": "ropa_check.format.model.LargeScale",
}
CHILDREN = {
    "type": "model",
    "cls": Children,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "safeguards": field(optional(TEXT)),
            "notice_ref": field(optional(TEXT)),
            "profiling_justification": field(optional(TEXT)),
            "information_society_service": field(optional({"type": "bool"})),
            "age_verification": field(optional(TEXT)),
            "guardian_consent_flow": field(optional(TEXT)),
        },
        "model_name": "Children",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Children"},
    "ref": "ropa_check.format.model.Children",
}
DATA_LOCATION = {
    "type": "model",
    "cls": DataLocation,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "system": field(optional(TEXT)),
            "country": field(optional(COUNTRY)),
            "provider": field(optional(ID)),
        },
        "model_name": "DataLocation",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "DataLocation"},
    "ref": "ropa_check.format.model.DataLocation",
}
ACTIVITY = {
    "type": "model",
    "cls": Activity,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "name": field(optional(TEXT)),
            "description": field(optional(TEXT)),
            "business_function": field(optional(TEXT)),
            "owner": field(optional(TEXT)),
            "purposes": field(optional(list_of(PURPOSE))),
            "lawful_basis": field(optional(ref("LawfulBasis"))),
            "data_subjects": field(optional(list_of(DATA_SUBJECT))),
            "data_categories": field(optional(list_of(DATA_CATEGORY))),
            "sources": field(optional(list_of(ID))),
            "recipients": field(optional(list_of(ID))),
            "retention": field(optional(ref("Retention"))),
            "transfers": field(optional(list_of(ref("Transfer")))),
            "security_measures": field(optional({"type": "union", "choices": [list_of(TEXT), TEXT]})),
            "security_policy_ref": field(optional(TEXT)),
            "dpia": field(optional(DPIA)),
            "automated_decision": field(optional(AUTOMATED_DECISION)),
            "profiling": field(optional(PROFILING)),
            "terminal_equipment_access": field(optional(TERMINAL_EQUIPMENT_ACCESS)),
            "direct_marketing": field(optional(DIRECT_MARKETING)),
            "large_scale": field(optional(LARGE_SCALE)),
            "innovative_tech": field(optional({"type": "bool"})),
            "public_area_monitoring": field(optional({"type": "bool"})),
            "children": field(optional(CHILDREN)),
            "permit_ref": field(optional(TEXT)),
            "credit_report_handling": field(optional(TEXT)),
            "source_combination_note": field(optional(TEXT)),
            "occasional": field(optional({"type": "bool"})),
            "rights": field(optional(ref("Rights"))),
            "data_location": field(optional(list_of(DATA_LOCATION))),
            "last_reviewed": field(optional({"type": "date"})),
        },
        "model_name": "Activity",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Activity"},
    "ref": "ropa_check.format.model.Activity",
}
CONTROLLER_REF = {
    "type": "model",
    "cls": ControllerRef,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "name": field(optional(TEXT)),
            "address": field(optional(TEXT)),
            "email": field(optional(TEXT)),
            "phone": field(optional(TEXT)),
            "country": field(optional(COUNTRY)),
            "contract_ref": field(optional(TEXT)),
            "representative": field(optional(ref("Party"))),
            "representative_exemption": field(optional(TEXT)),
            "dpo": field(optional(ref("Dpo"))),
        },
        "model_name": "ControllerRef",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "ControllerRef"},
    "ref": "ropa_check.format.model.ControllerRef",
}
PROCESSOR_ACTIVITY = {
    "type": "model",
    "cls": ProcessorActivity,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "name": field(optional(TEXT)),
            "controllers": field(optional(list_of(CONTROLLER_REF))),
            "processing_categories": field(optional(list_of(TEXT))),
            "sub_processors": field(optional(list_of(ID))),
            "transfers": field(optional(list_of(ref("Transfer")))),
            "security_measures": field(optional({"type": "union", "choices": [list_of(TEXT), TEXT]})),
            "security_policy_ref": field(optional(TEXT)),
        },
        "model_name": "ProcessorActivity",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "ProcessorActivity"},
    "ref": "ropa_check.format.model.ProcessorActivity",
}
SUB_PROCESSOR = {
    "type": "model",
    "cls": SubProcessor,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "name": field(TEXT),
            "country": field(optional(COUNTRY)),
            "organisation": field(optional(TEXT)),
            "mechanism": field(optional(MECHANISM)),
            "decision_ref": field(optional(TEXT)),
            "scc_module": field(optional(TEXT)),
            "safeguards_doc": field(optional(TEXT)),
            "tia_ref": field(optional(TEXT)),
        },
        "model_name": "SubProcessor",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "SubProcessor"},
    "ref": "ropa_check.format.model.SubProcessor",
}
RECIPIENT = {
    "type": "model",
    "cls": Recipient,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "name": field(optional(TEXT)),
            "kind": field(optional(RECIPIENT_KIND)),
            "description": field(optional(TEXT)),
            "country": field(optional(COUNTRY)),
            "contract_ref": field(optional(TEXT)),
            "disclosure_basis": field(optional(TEXT)),
            "arrangement_ref": field(optional(TEXT)),
            "arrangement_essence_ref": field(optional(TEXT)),
            "dpf_certified": field(optional({"type": "bool"})),
            "sub_processors": field(optional(list_of({"type": "union", "choices": [TEXT, SUB_PROCESSOR]}))),
            "sub_processor_authorisation": field(optional(TEXT)),
        },
        "model_name": "Recipient",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Recipient"},
    "ref": "ropa_check.format.model.Recipient",
}
SOURCE = {
    "type": "model",
    "cls": Source,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "id": field(ID),
            "name": field(optional(TEXT)),
            "type": field(optional(SOURCE_TYPE)),
            "publicly_accessible": field(optional({"type": "bool"})),
            "art14_notice": field(optional(TEXT)),
            "art14_5_exemption": field(optional(TEXT)),
            "partner_consent_ref": field(optional(TEXT)),
        },
        "model_name": "Source",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Source"},
    "ref": "ropa_check.format.model.Source",
}
VOCABULARIES = {
    "type": "model",
    "cls": Vocabularies,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "purpose": {
                "type": "model-field",
                "schema": {
                    "type": "default",
                    "schema": {"type": "dict", "keys_schema": TAG, "values_schema": {"type": "str"}},
                    "default": {},
                },
            },
            "data_subject": {
                "type": "model-field",
                "schema": {
                    "type": "default",
                    "schema": {"type": "dict", "keys_schema": TAG, "values_schema": {"type": "str"}},
                    "default": {},
                },
            },
            "data_category": {
                "type": "model-field",
                "schema": {
                    "type": "default",
                    "schema": {"type": "dict", "keys_schema": TAG, "values_schema": {"type": "str"}},
                    "default": {},
                },
            },
        },
        "model_name": "Vocabularies",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Vocabularies"},
    "ref": "ropa_check.format.model.Vocabularies",
}
RECORD_FILE = {
    "type": "model",
    "cls": RecordFile,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "schema_": field(optional({"type": "str"}), alias="$schema"),
            "ropa_format": field(optional({"type": "literal", "expected": [1, "1.1"]})),
            "organisation": field(optional(ORGANISATION)),
            "activities": field(optional(list_of(ACTIVITY))),
            "processor_activities": field(optional(list_of(PROCESSOR_ACTIVITY))),
            "recipients": field(optional(list_of(RECIPIENT))),
            "sources": field(optional(list_of(SOURCE))),
            "vocabularies": field(optional(VOCABULARIES)),
        },
        "model_name": "RecordFile",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {
        "extra_fields_behavior": "forbid",
        "validate_by_alias": True,
        "validate_by_name": True,
        "title": "ropa-check record file (format v1.1)",
    },
    "ref": "ropa_check.format.model.RecordFile",
}
WAIVER_ENTRY = {
    "type": "model",
    "cls": WaiverEntry,
    "schema": {
        "type": "model-fields",
        "fields": {
            "codes": field(optional(list_of({"type": "str"}))),
            "reason": field(optional({"type": "str"})),
            "approver": field(optional({"type": "str"})),
            "expires": field(optional({"type": "str"})),
        },
        "model_name": "WaiverEntry",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "WaiverEntry"},
    "ref": "ropa_check.format.model.WaiverEntry",
}
WAIVERS = {
    "type": "model",
    "cls": Waivers,
    "schema": {
        "type": "model-fields",
        "fields": {"ignore": field({"type": "default", "schema": list_of(WAIVER_ENTRY), "default": []})},
        "model_name": "Waivers",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Waivers"},
    "ref": "ropa_check.format.model.Waivers",
}
CONTROLLER = {
    "type": "model",
    "cls": Controller,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "name": field(optional(TEXT)),
            "org_number": field(optional({"type": "str"})),
            "country": field(optional(COUNTRY)),
            "address": field(optional(TEXT)),
            "email": field(optional(TEXT)),
            "phone": field(optional(TEXT)),
            "url": field(optional(TEXT)),
        },
        "model_name": "Controller",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Controller"},
    "ref": "ropa_check.format.model.Controller",
}
PARTY = {
    "type": "model",
    "cls": Party,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "name": field(optional(TEXT)),
            "address": field(optional(TEXT)),
            "email": field(optional(TEXT)),
            "phone": field(optional(TEXT)),
            "country": field(optional(COUNTRY)),
            "arrangement_ref": field(optional(TEXT)),
            "arrangement_essence_ref": field(optional(TEXT)),
        },
        "model_name": "Party",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Party"},
    "ref": "ropa_check.format.model.Party",
}
DPO = {
    "type": "model",
    "cls": Dpo,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "designated": field(optional({"type": "bool"})),
            "name": field(optional(TEXT)),
            "email": field(optional(TEXT)),
            "phone": field(optional(TEXT)),
            "assessment_ref": field(optional(TEXT)),
        },
        "model_name": "Dpo",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Dpo"},
    "ref": "ropa_check.format.model.Dpo",
}
RIGHTS = {
    "type": "model",
    "cls": Rights,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "available": field({"type": "default", "schema": list_of(RIGHT), "default": []}),
            "procedure_ref": field(optional(TEXT)),
        },
        "model_name": "Rights",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Rights"},
    "ref": "ropa_check.format.model.Rights",
}
LAWFUL_BASIS = {
    "type": "model",
    "cls": LawfulBasis,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "art6": field(optional(ART6)),
            "legal_obligation_ref": field(optional(TEXT)),
            "contract_ref": field(optional(TEXT)),
            "legitimate_interest": field(optional(TEXT)),
            "lia_ref": field(optional(TEXT)),
            "consent_record_ref": field(optional(TEXT)),
            "consent_withdrawal": field(optional(TEXT)),
            "note": field(optional(TEXT)),
            "children_considered": field(optional(TEXT)),
        },
        "model_name": "LawfulBasis",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "LawfulBasis"},
    "ref": "ropa_check.format.model.LawfulBasis",
}
OUTCOME_RETENTION = {
    "type": "model",
    "cls": OutcomeRetention,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "outcome": field(TEXT),
            "duration": field(optional(DURATION)),
            "start_event": field(optional(TEXT)),
        },
        "model_name": "OutcomeRetention",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "OutcomeRetention"},
    "ref": "ropa_check.format.model.OutcomeRetention",
}
RETENTION = {
    "type": "model",
    "cls": Retention,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "duration": field(optional(DURATION)),
            "start_event": field(optional(TEXT)),
            "criteria": field(optional(TEXT)),
            "review_interval": field(optional(DURATION)),
            "legal_ref": field(optional(TEXT)),
            "description": field(optional(TEXT)),
            "justification": field(optional(TEXT)),
            "by_outcome": field(optional(list_of(OUTCOME_RETENTION))),
            "disposal_decision_ref": field(optional(TEXT)),
        },
        "model_name": "Retention",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Retention"},
    "ref": "ropa_check.format.model.Retention",
}
TRANSFER = {
    "type": "model",
    "cls": Transfer,
    "schema": {
        "type": "model-fields",
        "fields": {
            "x_ropa_check": field(optional(ref("Waivers")), alias="x-ropa-check"),
            "country": field(optional(COUNTRY)),
            "organisation": field(optional(TEXT)),
            "recipient": field(optional(ID)),
            "mechanism": field(optional(MECHANISM)),
            "decision_ref": field(optional(TEXT)),
            "tia_ref": field(optional(TEXT)),
            "scc_module": field(optional(TEXT)),
            "art49_ground": field(optional(TEXT)),
            "safeguards_doc": field(optional(TEXT)),
            "sa_informed_ref": field(optional(TEXT)),
            "adequacy_scope_note": field(optional(TEXT)),
            "regular": field(optional({"type": "bool"})),
        },
        "model_name": "Transfer",
        "computed_fields": [],
    },
    "custom_init": False,
    "root_model": False,
    "config": {"extra_fields_behavior": "forbid", "title": "Transfer"},
    "ref": "ropa_check.format.model.Transfer",
}

#: RecordFile's pydantic-core schema, as pydantic builds it, with the classes above.
SCHEMA: dict[str, Any] = {
    "type": "definitions",
    "schema": RECORD_FILE,
    "definitions": [WAIVERS, CONTROLLER, PARTY, DPO, RIGHTS, LAWFUL_BASIS, RETENTION, TRANSFER],
}

#: Each class's own schema.
SCHEMA_OF: dict[type[Data], dict[str, Any]] = {
    WaiverEntry: WAIVER_ENTRY,
    Waivers: WAIVERS,
    Controller: CONTROLLER,
    Party: PARTY,
    Dpo: DPO,
    RecordMeta: RECORD_META,
    Rights: RIGHTS,
    Organisation: ORGANISATION,
    SubProcessor: SUB_PROCESSOR,
    Recipient: RECIPIENT,
    Source: SOURCE,
    LawfulBasis: LAWFUL_BASIS,
    OutcomeRetention: OUTCOME_RETENTION,
    Retention: RETENTION,
    Purpose: PURPOSE,
    DataSubject: DATA_SUBJECT,
    NationalIdJustification: NATIONAL_ID_JUSTIFICATION,
    FurtherProcessing: FURTHER_PROCESSING,
    DataCategory: DATA_CATEGORY,
    Transfer: TRANSFER,
    Dpia: DPIA,
    AutomatedDecision: AUTOMATED_DECISION,
    Profiling: PROFILING,
    TerminalEquipmentAccess: TERMINAL_EQUIPMENT_ACCESS,
    DirectMarketing: DIRECT_MARKETING,
    Children: CHILDREN,
    LargeScale: LARGE_SCALE,
    DataLocation: DATA_LOCATION,
    Activity: ACTIVITY,
    ControllerRef: CONTROLLER_REF,
    ProcessorActivity: PROCESSOR_ACTIVITY,
    Vocabularies: VOCABULARIES,
    RecordFile: RECORD_FILE,
}


def _validator(name: str, schema: dict[str, Any]) -> SchemaValidator:
    try:
        return SchemaValidator(schema)
    except SchemaError:
        # A pydantic-core that does not take the schema as compiled (any pydantic 2 from 2.6 may be
        # installed): build it from the models with the installed pydantic, slower to start but exact.
        from ropa_check.format.model_compiler import runtime_schema

        return SchemaValidator(runtime_schema(name, globals()))


_VALIDATOR = _validator("RecordFile", SCHEMA)


def validate_record_file(data: Any) -> RecordFile:
    """Validate one loaded file; raise ``pydantic_core.ValidationError`` with every error."""
    result: RecordFile = _VALIDATOR.validate_python(data)
    return result


_CLASS_VALIDATORS: dict[str, SchemaValidator] = {}


def validator_for(cls: type[Data]) -> SchemaValidator:
    """A validator of one class alone, for ``Data.__init__`` (as in ``Organisation()``)."""
    if cls.__name__ not in _CLASS_VALIDATORS:
        schema = {"type": "definitions", "schema": SCHEMA_OF[cls], "definitions": SCHEMA["definitions"]}
        _CLASS_VALIDATORS[cls.__name__] = _validator(cls.__name__, schema)
    return _CLASS_VALIDATORS[cls.__name__]


use_validators(validator_for)
