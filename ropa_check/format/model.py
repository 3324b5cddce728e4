"""The record format, version 1.1, as pydantic models: what rules read.

Version 1.1 only adds to version 1: every v1 record is a valid v1.1 record.
Its additions are marked "(1.1)" in their descriptions.

The JSON Schema in ``schemas/`` is generated from these models
(``ropa-check schema``), and a test fails when the committed copy is stale.

The format enforces structure and types only. Whether the legally required
content is there (a purpose, a lawful basis, a retention period, recipients…)
is for the rules to say, so that every gap is a finding with its legal
reference rather than a schema error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION = "1.1"
#: The versions a record may declare in ``ropa_format`` (``1.1`` is written as text: ``"1.1"``).
FORMAT_VERSIONS = (1, "1.1")

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_.-]*$",
        max_length=100,
        description="A stable identifier: lower case letters, digits, '-', '_' or '.'.",
    ),
]
Tag = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$",
        description="A tag from a controlled vocabulary (`ropa-check vocabularies` lists them).",
    ),
]
Country = Annotated[
    str,
    Field(
        pattern=r"^([A-Z]{2}|unknown)$",
        description="ISO 3166-1 alpha-2 country code (SE, DE, US…), or 'unknown'.",
    ),
]
Duration = Annotated[
    str,
    Field(
        pattern=r"^(P(\d+[YMWD])+(T(\d+[HMS])+)?|PT(\d+[HMS])+)$",
        description="An ISO 8601 duration: P7Y, P13M, P30D.",
    ),
]
Text = Annotated[str, Field(min_length=1)]
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


class WaiverEntry(BaseModel):
    """One waiver: codes a finding may have here and below, and why that is accepted.

    Types are loose on purpose: a waiver without a reason or with a bad date is
    reported as malformed (RPA092) and not applied, rather than stopping the check.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    codes: list[str] | None = Field(None, description="Rule codes or prefixes, e.g. ['RPA401'].")
    reason: str | None = Field(None, description="Why the finding is accepted (required).")
    approver: str | None = Field(None, description="Who accepted it.")
    expires: str | None = Field(None, description="ISO date; the waiver is valid through this day.")


class Waivers(BaseModel):
    """The ``x-ropa-check`` key: waivers for this mapping and everything below it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    ignore: list[WaiverEntry] = []


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Every mapping may carry waivers (JSON has no comments); ropa_check.suppress.waivers reads them.
    x_ropa_check: Waivers | None = Field(None, alias="x-ropa-check")


# --------------------------------------------------------------- organisation


class Controller(_Model):
    """The controller, Art. 30(1)(a)."""

    name: Text | None = None
    org_number: str | None = Field(
        None, description="The organisation's registration number (its company or organisation number)."
    )
    country: Country | None = None
    address: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    url: Text | None = None


class Party(_Model):
    """A joint controller or representative with contact details."""

    name: Text | None = None
    address: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    country: Country | None = None
    arrangement_ref: Text | None = Field(None, description="Joint controllers: the Art. 26 arrangement.")
    arrangement_essence_ref: Text | None = Field(
        None,
        description="(1.1) Joint controllers: where the essence of the arrangement is made available to data "
        "subjects (Art. 26(2)).",
    )


class Dpo(_Model):
    """The data protection officer, or the assessment that none is required (Art. 37)."""

    designated: bool | None = None
    name: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    assessment_ref: Text | None = Field(None, description="Where the documented assessment of Art. 37(1) is.")


class RecordMeta(_Model):
    """The record's own metadata: it is a living document (Art. 30(3), 5(2))."""

    version: Text | None = None
    owner: Text | None = None
    created: dt.date | None = None
    last_reviewed: dt.date | None = None
    language: str | None = None


class Rights(_Model):
    """Data subject rights offered, Art. 12–22."""

    available: list[Right] = Field(
        [],
        description="Rights offered. (1.1) withdraw_consent: Art. 7(3); human_intervention, express_view and "
        "contest_decision: the Art. 22(3) safeguards.",
    )
    procedure_ref: Text | None = None


class Organisation(_Model):
    """Who the record is about: Art. 30(1)(a) and the record's metadata."""

    controller: Controller | None = None
    processor: Controller | None = Field(
        None,
        description="(1.1) The organisation's identity as a processor, for its Art. 30(2) record "
        "(processor_activities), when it differs from the controller block.",
    )
    joint_controllers: list[Party] | None = None
    representative: Party | None = None
    dpo: Dpo | None = None
    supervisory_authority: Text | None = Field(None, description="The lead supervisory authority (Art. 56), by name.")
    headcount: int | None = Field(None, ge=0)
    public_authority: bool | None = Field(
        None, description="The controller is a public authority or body (Art. 37(1)(a))."
    )
    representative_exemption: Text | None = Field(
        None,
        description="A controller outside the EEA without an EU representative: why none is needed "
        "(Art. 3(2) does not apply, or Art. 27(2)).",
    )
    art30_5_exemption_claimed: bool | None = None
    membership_art9_assessment: Text | None = Field(
        None,
        description="Whether membership itself reveals Art. 9 data (a political, philosophical, religious or "
        "trade-union aim) and, if so, the Art. 9(2) condition relied on.",
    )
    lawful_basis_statement: Text | None = Field(
        None,
        description="A general statement of lawful bases (as in a privacy notice). It is not a basis per "
        "purpose: rules never read it as one.",
    )
    security_measures: list[Text] | Text | None = Field(
        None, description="General technical and organisational measures (Art. 32) that apply to all activities."
    )
    security_policy_ref: Text | None = None
    breach_register_ref: Text | None = None
    privacy_notice_ref: Text | None = None
    rights: Rights | None = Field(None, description="Rights offered for all activities (Art. 12–22).")
    record: RecordMeta | None = None


# ------------------------------------------------------------- registries


class SubProcessor(_Model):
    """(1.1) A processor's sub-processor, with where it processes and on what transfer mechanism (Art. 28(4), 44)."""

    name: Text
    country: Country | None = None
    organisation: Text | None = Field(
        None,
        description="(1.1) The international organisation the sub-processor is, or processes at (Art. 44, 45(1)); "
        "judged by the organisation's adequacy decision, not by its country's.",
    )
    mechanism: Mechanism | None = None
    decision_ref: Text | None = None
    scc_module: Text | None = None
    safeguards_doc: Text | None = None
    tia_ref: Text | None = None


class Recipient(_Model):
    """A recipient or category of recipients, Art. 30(1)(d); referenced by id."""

    id: Id
    name: Text | None = None
    kind: RecipientKind | None = None
    description: Text | None = None
    country: Country | None = None
    contract_ref: Text | None = Field(None, description="Processors: the Art. 28(3) contract (DPA).")
    disclosure_basis: Text | None = Field(None, description="Independent controllers: the basis for disclosing.")
    arrangement_ref: Text | None = Field(None, description="Joint controllers: the Art. 26 arrangement.")
    arrangement_essence_ref: Text | None = Field(
        None,
        description="(1.1) Joint controllers: where the essence of the arrangement is made available to data "
        "subjects (Art. 26(2)), e.g. the privacy notice's section.",
    )
    dpf_certified: bool | None = None
    sub_processors: list[Text | SubProcessor] | None = Field(
        None,
        description="The processor's sub-processors: names, or (1.1) structured entries with their country and "
        "transfer mechanism, which are checked like transfers.",
    )
    sub_processor_authorisation: Text | None = Field(
        None, description="Processors: the controller's written authorisation of sub-processors (Art. 28(2))."
    )


class Source(_Model):
    """Where personal data come from, Art. 14(2)(f); referenced by id."""

    id: Id
    name: Text | None = None
    type: SourceType | None = None
    publicly_accessible: bool | None = None
    art14_notice: Text | None = None
    art14_5_exemption: Text | None = None
    partner_consent_ref: Text | None = Field(
        None,
        description="Data from partners: where the partner's consent or notice names this controller as a recipient.",
    )


# ------------------------------------------------------------- activities


class LawfulBasis(_Model):
    """An Art. 6(1) lawful basis and the evidence that goes with it."""

    art6: Art6 | None = None
    legal_obligation_ref: Text | None = Field(
        None, description="The statute and section that lays down the obligation or task."
    )
    contract_ref: Text | None = None
    legitimate_interest: Text | None = None
    lia_ref: Text | None = Field(None, description="The legitimate interests assessment.")
    consent_record_ref: Text | None = None
    consent_withdrawal: Text | None = None
    note: Text | None = None
    children_considered: Text | None = Field(
        None, description="Legitimate interests: how the assessment weighs the interests of children (Art. 6(1)(f))."
    )


class OutcomeRetention(_Model):
    """(1.1) A retention period that applies when a processing ends in a given outcome."""

    outcome: Text
    duration: Duration | None = None
    start_event: Text | None = None


class Retention(_Model):
    """How long data are kept: a duration from an event, or criteria with a review interval."""

    duration: Duration | None = None
    start_event: Text | None = Field(None, description="What the duration runs from, e.g. 'end of membership'.")
    criteria: Text | None = None
    review_interval: Duration | None = None
    legal_ref: Text | None = Field(None, description="The statute that sets the period, where one does.")
    description: Text | None = Field(None, description="Retention as stated in words, e.g. in a privacy notice.")
    justification: Text | None = Field(
        None, description="Why a period longer than the usual ceiling for these data is necessary."
    )
    by_outcome: list[OutcomeRetention] | None = Field(
        None,
        description="(1.1) Periods that depend on an outcome (an application declined or granted), each concrete.",
    )
    disposal_decision_ref: Text | None = Field(
        None,
        description="(1.1) An authority's decision on disposal (gallringsbeslut) that sets how long the data are kept.",
    )


class Purpose(_Model):
    """A purpose of the processing, Art. 30(1)(b)."""

    id: Id
    description: Text | None = None
    tags: list[Tag] = []
    lawful_basis: LawfulBasis | None = None


class DataSubject(_Model):
    """A category of data subjects, Art. 30(1)(c)."""

    id: Id
    name: Text | None = None
    tags: list[Tag] = []
    min_age: int | None = Field(None, ge=0)
    description: Text | None = None


class NationalIdJustification(_Model):
    """Why national identification numbers are processed without consent."""

    ground: Literal["purpose", "secure_identification", "other_considerable_reason"] | None = None
    text: Text | None = None
    statute_ref: Text | None = None
    approved_by: Text | None = None


class FurtherProcessing(_Model):
    """(1.1) Data used for a purpose other than the one they were collected for (Art. 6(4)).

    The new purpose's own ``lawful_basis`` says whether it rests on consent or
    on a law; otherwise the compatibility assessment is referenced here.
    """

    collected_for: list[Id] | None = Field(
        None, description="Ids of the activities (in this record) whose purposes the data were collected for."
    )
    compatibility_assessment_ref: Text | None = Field(
        None,
        description="Where the Art. 6(4) assessment is documented: the link between the purposes, the context of "
        "collection, the nature of the data, the consequences and the safeguards.",
    )


class DataCategory(_Model):
    """A category of personal data, Art. 30(1)(c).

    Purposes, lawful basis, retention, recipients and sources not stated here
    are inherited from the activity.
    """

    id: Id
    name: Text | None = None
    description: Text | None = None
    tags: list[Tag] = []
    subjects: list[Id] | None = Field(None, description="Ids of the activity's data subjects; default: all.")
    purposes: list[Id] | None = Field(None, description="Ids of the activity's purposes; default: all.")
    lawful_basis: LawfulBasis | None = None
    retention: Retention | None = None
    recipients: list[Id] | None = Field(None, description="Ids of recipients; [] states that there are none.")
    sources: list[Id] | None = None
    anonymous: bool | None = Field(None, description="The record calls these data anonymous.")
    anonymisation_ref: Text | None = Field(
        None, description="Where the irreversible anonymisation of these data is documented (WP216)."
    )
    accuracy_note: Text | None = Field(
        None, description="How accuracy and time limits are ensured (e.g. for payment remarks: source, deletion)."
    )
    art9_condition: Text | None = None
    art9_law: Text | None = Field(
        None,
        description="(1.1) The Union or Member State law that an Art. 9(2)(b), (g), (h), (i) or (j) condition "
        "rests on.",
    )
    art10_authority: Text | None = None
    consent_record_ref: Text | None = None
    guardian_consent_ref: Text | None = None
    national_id_justification: NationalIdJustification | None = None
    necessity_note: Text | None = None
    used_as_member_id: bool | None = None
    further_processing: FurtherProcessing | None = Field(
        None,
        description="(1.1) The data were collected for another activity's purposes and are reused here (Art. 6(4)).",
    )


class Transfer(_Model):
    """A transfer to a third country or international organisation, Art. 30(1)(e)."""

    country: Country | None = None
    organisation: Text | None = None
    recipient: Id | None = None
    mechanism: Mechanism | None = None
    decision_ref: Text | None = None
    tia_ref: Text | None = None
    scc_module: Text | None = None
    art49_ground: Text | None = None
    safeguards_doc: Text | None = None
    sa_informed_ref: Text | None = Field(
        None, description="Art. 49(1) second subparagraph: when the supervisory authority was informed."
    )
    adequacy_scope_note: Text | None = Field(
        None, description="Why the recipient is within a partial adequacy decision's scope (e.g. Canada: PIPEDA)."
    )
    regular: bool | None = None


class Dpia(_Model):
    """DPIA screening and status, Art. 35."""

    screening: list[int] | None = Field(None, description="WP248 criteria (1–9) found to hold.")
    screening_ref: Text | None = None
    required: bool | None = None
    not_required_reason: Text | None = Field(
        None, description="(1.1) Why the screening concluded that no DPIA is required (with `required: false`)."
    )
    status: Literal["not_started", "in_progress", "done", "approved"] | None = None
    ref: Text | None = None
    date: dt.date | None = None
    residual_risk: Literal["low", "medium", "high"] | None = None
    prior_consultation_ref: Text | None = None


class AutomatedDecision(_Model):
    """Automated decision-making, Art. 22."""

    exists: bool | None = None
    legal_or_similar_effect: bool | None = None
    art22_exception: Literal["contract", "law", "explicit_consent"] | None = None
    safeguards: Text | None = None
    logic_info: Text | None = None
    legal_ref: Text | None = Field(None, description="Art. 22(2)(b): the law that authorises the decision.")
    third_party_score: Text | None = Field(
        None,
        description="Whether a score from a third party (e.g. a credit agency) is relied on decisively, "
        "and the safeguards this controller applies.",
    )


class Profiling(_Model):
    """Profiling, Art. 4(4)."""

    used: bool | None = None
    description: Text | None = None
    objection_mechanism: Text | None = None


class TerminalEquipmentAccess(_Model):
    """Cookies and similar: storing or reading information on the user's device."""

    used: bool | None = None
    technologies: list[Literal["cookie", "local_storage", "sdk", "pixel", "fingerprint", "other"]] | None = None
    strictly_necessary: bool | None = None
    consent_mechanism: Text | None = None


class DirectMarketing(_Model):
    """Direct marketing, Art. 21(2)–(4)."""

    used: bool | None = None
    channels: list[Literal["email", "sms", "phone", "post", "online_ads", "in_app", "other"]] | None = None
    objection_mechanism: Text | None = None
    marketing_consent_ref: Text | None = None
    soft_opt_in: Text | None = Field(
        None,
        description="Why the existing-customer exception applies instead of consent (own similar products, "
        "objection offered at collection and in every message).",
    )


class Children(_Model):
    """How children's data are protected (recital 38)."""

    safeguards: Text | None = Field(None, description="The specific protection given to children's data.")
    notice_ref: Text | None = Field(None, description="How children are informed, in words they understand.")
    profiling_justification: Text | None = Field(
        None, description="Why children's data are used for marketing, profiling or personalisation."
    )
    information_society_service: bool | None = Field(
        None, description="The activity offers an online service directly to children (Art. 8)."
    )
    age_verification: Text | None = None
    guardian_consent_flow: Text | None = Field(
        None, description="How a parent gives or authorises consent for children below the national age."
    )


class LargeScale(_Model):
    """How large the processing is."""

    approx_subjects: int | None = Field(None, ge=0)
    geographic_scope: Text | None = None


class DataLocation(_Model):
    """Where data are stored or hosted."""

    system: Text | None = None
    country: Country | None = None
    provider: Id | None = Field(None, description="Id of the recipient (processor) that hosts it.")


class Activity(_Model):
    """A processing activity in the controller role, Art. 30(1)."""

    id: Id
    name: Text | None = None
    description: Text | None = None
    business_function: Text | None = None
    owner: Text | None = None
    purposes: list[Purpose] | None = None
    lawful_basis: LawfulBasis | None = Field(None, description="Default for purposes that state none.")
    data_subjects: list[DataSubject] | None = None
    data_categories: list[DataCategory] | None = None
    sources: list[Id] | None = None
    recipients: list[Id] | None = Field(None, description="Ids of recipients; [] states that there are none.")
    retention: Retention | None = Field(None, description="Default for data categories that state none.")
    transfers: list[Transfer] | None = None
    security_measures: list[Text] | Text | None = None
    security_policy_ref: Text | None = None
    dpia: Dpia | None = None
    automated_decision: AutomatedDecision | None = None
    profiling: Profiling | None = None
    terminal_equipment_access: TerminalEquipmentAccess | None = None
    direct_marketing: DirectMarketing | None = None
    large_scale: LargeScale | None = None
    innovative_tech: bool | None = None
    public_area_monitoring: bool | None = Field(
        None,
        description="(1.1) The activity systematically monitors a publicly accessible area (e.g. CCTV in a shop); "
        "Art. 35(3)(c).",
    )
    children: Children | None = None
    permit_ref: Text | None = Field(
        None, description="A permit the processing requires, and the authority that granted it."
    )
    credit_report_handling: Text | None = Field(
        None,
        description="Credit reports on natural persons: the legitimate need (private persons), the copy the "
        "person receives, and how long reports are kept.",
    )
    source_combination_note: Text | None = Field(
        None,
        description="Why combining data from several external sources is compatible with the purposes (Art. 6(4)).",
    )
    occasional: bool | None = None
    rights: Rights | None = None
    data_location: list[DataLocation] | None = None
    last_reviewed: dt.date | None = None


class ControllerRef(_Model):
    """A controller on whose behalf a processor acts, Art. 30(2)(a)."""

    name: Text | None = None
    address: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    country: Country | None = None
    contract_ref: Text | None = None
    representative: Party | None = Field(None, description="(1.1) The controller's representative, Art. 30(2)(a).")
    representative_exemption: Text | None = Field(
        None,
        description="(1.1) A controller outside the EEA without a representative in the Union: why none is needed "
        "(Art. 3(2) does not apply to it, or Art. 27(2)).",
    )
    dpo: Dpo | None = Field(None, description="(1.1) The controller's data protection officer, Art. 30(2)(a).")


class ProcessorActivity(_Model):
    """Processing carried out on behalf of a controller, Art. 30(2)."""

    id: Id
    name: Text | None = None
    controllers: list[ControllerRef] | None = None
    processing_categories: list[Text] | None = None
    sub_processors: list[Id] | None = None
    transfers: list[Transfer] | None = None
    security_measures: list[Text] | Text | None = None
    security_policy_ref: Text | None = None


class Vocabularies(_Model):
    """Project-specific tags added to the shipped vocabularies."""

    purpose: dict[Tag, str] = {}
    data_subject: dict[Tag, str] = {}
    data_category: dict[Tag, str] = {}


class RecordFile(_Model):
    """One file of a record. A record is one file or a folder of files."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="ropa-check record file (format v1.1)",
        populate_by_name=True,
    )

    schema_: str | None = Field(None, alias="$schema")
    ropa_format: Literal[1, "1.1"] | None = Field(
        None, description='The record format version: 1, or "1.1" (as text) for a record that uses 1.1 additions.'
    )
    organisation: Organisation | None = None
    activities: list[Activity] | None = None
    processor_activities: list[ProcessorActivity] | None = None
    recipients: list[Recipient] | None = None
    sources: list[Source] | None = None
    vocabularies: Vocabularies | None = None
