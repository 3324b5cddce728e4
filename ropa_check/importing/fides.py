"""Fides manifests as a record: the organisation, and each system's privacy declarations as activities.

Fides (ethyca/fides) describes systems in YAML: ``organization``, ``system``
(with ``privacy_declarations``, ``egress`` and ``ingress``), ``dataset`` and
``policy`` resources. Each privacy declaration is one processing activity: its
data use is the purpose, its data categories and subjects the activity's, all
mapped to ropa-check tags through ``layouts/fideslang.yaml`` (the fideslang
taxonomy, cited there with its version). The legal basis, special-category
basis, retention period, third-country transfers, DPIA fields and data flows
come across where the manifest has them; what has no field in the record
(policies, a system's cookies) is listed in the import report.

Manifests are read with ropa-check's own safe YAML loader (positions for every
key, duplicate keys and alias bombs refused). A key that Fides does not define
(a typo, or a newer Fides) is a warning with its file and line, not an error.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from ropa_check.document import Document
from ropa_check.importing import values
from ropa_check.importing.draft import ORGANISATION_FILE, Draft, SourceError
from ropa_check.importing.table import MAX_FILE_BYTES

#: The most manifest files read from one folder, and the most files and folders looked at to find them.
MAX_FILES = 1_000
MAX_ENTRIES = 100_000
_SKIPPED = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})
_RESOURCES = frozenset(
    {
        "organization",
        "system",
        "dataset",
        "policy",
        "data_category",
        "data_use",
        "data_subject",
        "evaluation",
        "registry",
        "data_qualifier",
    }
)
_ORGANIZATION_KEYS = frozenset(
    {
        "fides_key",
        "organization_fides_key",
        "organization_parent_key",
        "tags",
        "name",
        "description",
        "controller",
        "data_protection_officer",
        "representative",
        "security_policy",
        "fidesctl_meta",
    }
)
_SYSTEM_KEYS = frozenset(
    {
        "fides_key",
        "organization_fides_key",
        "tags",
        "name",
        "description",
        "meta",
        "fidesctl_meta",
        "system_type",
        "egress",
        "ingress",
        "privacy_declarations",
        "administrating_department",
        "data_responsibility_title",
        "third_country_transfers",
        "joint_controller",
        "data_protection_impact_assessment",
        "registry_id",
        "system_dependencies",
        "dependencies",
        "vendor_id",
        "previous_vendor_id",
        "vendor_deleted_date",
        "dataset_references",
        "processes_personal_data",
        "exempt_from_privacy_regulations",
        "reason_for_exemption",
        "uses_profiling",
        "legal_basis_for_profiling",
        "does_international_transfers",
        "legal_basis_for_transfers",
        "requires_data_protection_assessments",
        "dpa_location",
        "dpa_progress",
        "privacy_policy",
        "legal_name",
        "legal_address",
        "responsibility",
        "dpo",
        "joint_controller_info",
        "data_security_practices",
        "cookie_max_age_seconds",
        "uses_cookies",
        "cookie_refresh",
        "uses_non_cookie_access",
        "legitimate_interest_disclosure_url",
        "flexible_legal_basis_for_processing",
        "cookies",
        "data_stewards",
        "user_id",
        "hidden",
    }
)
_DECLARATION_KEYS = frozenset(
    {
        "name",
        "data_categories",
        "data_use",
        "data_qualifier",
        "data_subjects",
        "dataset_references",
        "egress",
        "ingress",
        "features",
        "flexible_legal_basis_for_processing",
        "legal_basis_for_processing",
        "impact_assessment_location",
        "retention_period",
        "processes_special_category_data",
        "special_category_legal_basis",
        "data_shared_with_third_parties",
        "third_parties",
        "shared_categories",
        "cookies",
        "id",
    }
)
#: fideslang's LegalBasisForProcessingEnum (GDPR Art. 6(1)).
_LEGAL_BASIS = {
    "consent": "consent",
    "contract": "contract",
    "legal obligations": "legal_obligation",
    "legal obligation": "legal_obligation",
    "vital interests": "vital_interests",
    "public interest": "public_task",
    "legitimate interests": "legitimate_interests",
}
_DPIA_PROGRESS = {"complete": "done", "completed": "done", "in progress": "in_progress", "not started": "not_started"}


@functools.cache
def taxonomy() -> dict[str, dict[str, dict[str, Any]]]:
    """``layouts/fideslang.yaml``: each taxonomy key's name and ropa-check tags, by kind."""
    data: dict[str, dict[str, dict[str, Any]]] = values.load_data("fideslang.yaml")
    return data


class _Manifest:
    """One loaded manifest file, and where its keys are."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.name = document.path

    def where(self, *path: str | int) -> str:
        line, _ = self.document.position(tuple(path), key=True)
        return f"{self.name}:{line}"


def manifest_files(source: Path) -> list[Path]:
    """The YAML files of a Fides folder (its ``.fides`` folder too), or the one file given. Raises SourceError.

    The walk skips version-control and dependency folders and stops early: a folder given by mistake
    (a home folder) is an error in a moment, not a walk of the whole disk.
    """
    if not source.is_dir():
        return [source]
    found: list[Path] = []
    seen = 0
    for folder, folders, files in os.walk(source):
        folders[:] = sorted(f for f in folders if f not in _SKIPPED)
        seen += len(files) + len(folders)
        if seen > MAX_ENTRIES:
            raise SourceError(
                str(source), f"holds more than {MAX_ENTRIES:,} files and folders; import the Fides folder"
            )
        found.extend(Path(folder) / name for name in sorted(files) if name.endswith((".yml", ".yaml")))
        if len(found) > MAX_FILES:
            raise SourceError(str(source), f"holds more than {MAX_FILES:,} YAML files; import a smaller folder")
    found = [path for path in found if path.is_file()]
    if not found:
        raise SourceError(str(source), "holds no Fides manifests (.yml or .yaml files)")
    return found


def _load(path: Path, shown_name: str) -> _Manifest:
    from ropa_check.loader import load

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SourceError(shown_name, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
    except OSError as exc:
        raise SourceError(shown_name, f"cannot read file: {exc.strerror or exc}") from None
    document, errors = load(path, shown_name)
    if document is None:
        first = errors[0]
        raise SourceError(f"{shown_name}:{first.line}:{first.column}", first.message)
    if not isinstance(document.data, dict) or not set(document.data) & _RESOURCES:
        raise SourceError(
            f"{shown_name}:1",
            f"not a Fides manifest: no top-level {', '.join(sorted(_RESOURCES - {'data_qualifier'}))}",
        )
    return _Manifest(document)


def import_fides(source: Path, draft: Draft) -> None:
    """Fill ``draft`` from the Fides manifests at ``source`` (a file or folder). Raises SourceError."""
    base = source if source.is_dir() else source.parent
    manifests = [
        _load(path, str(path.relative_to(base)) if source.is_dir() else str(path)) for path in manifest_files(source)
    ]
    systems: list[tuple[_Manifest, int, dict[str, Any]]] = []
    names: dict[str, str] = {}
    for manifest in manifests:
        for kind, resources in manifest.document.data.items():
            if kind not in _RESOURCES:
                draft.note(
                    "warning", manifest.where(kind), f"'{kind}' is not a Fides resource ropa-check reads; left out"
                )
                continue
            if not isinstance(resources, list):
                raise SourceError(manifest.where(kind), f"'{kind}' must be a list of resources")
            for index, resource in enumerate(resources):
                if not isinstance(resource, dict):
                    raise SourceError(manifest.where(kind, index), f"each '{kind}' entry must be a mapping")
                if kind == "organization":
                    _organization(manifest, index, resource, draft)
                elif kind == "system":
                    systems.append((manifest, index, resource))
                    names[str(resource.get("fides_key"))] = str(resource.get("name") or resource.get("fides_key"))
                elif kind in ("policy", "evaluation", "registry"):
                    draft.note(
                        "lost",
                        manifest.where(kind, index),
                        f"Fides {kind} '{resource.get('fides_key')}' is not part of a record of processing: left out",
                    )
                elif kind == "dataset":
                    draft.note(
                        "lost",
                        manifest.where(kind, index),
                        f"Fides dataset '{resource.get('fides_key')}': read only as the data location of the "
                        "declarations that reference it; its collections and fields are not part of the record",
                    )
                else:
                    draft.note(
                        "lost",
                        manifest.where(kind, index),
                        f"Fides {kind} '{resource.get('fides_key')}': a custom taxonomy entry is no ropa-check tag; "
                        "declarations that use it keep its key as text",
                    )
    if not draft.organisation:
        draft.note(
            "warning",
            manifests[0].name,
            "no Fides organization: the record names no controller",
            file=ORGANISATION_FILE,
            path=("organisation",),
        )
    for manifest, index, system in systems:
        _system(manifest, index, system, draft, names)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _unknown(
    manifest: _Manifest,
    path: tuple[str | int, ...],
    data: dict[str, Any],
    known: frozenset[str],
    draft: Draft,
    what: str,
) -> None:
    from ropa_check.suggest import nearest

    for key in data:
        if key not in known:
            close = nearest(str(key), known)
            hint = f" (did you mean '{close}'?)" if close else ""
            draft.note(
                "warning",
                manifest.where(*path, key),
                f"unknown key '{key}' in a Fides {what}{hint}; left out",
                _text(data[key]),
            )


def _contact(
    manifest: _Manifest, path: tuple[str | int, ...], data: Any, fields: tuple[str, ...], draft: Draft, target: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    for key, value in data.items():
        text = _text(value)
        if text is None:
            continue
        if key in fields:
            out[key] = text
        else:
            draft.note(
                "lost",
                manifest.where(*path, key),
                f"the record format has no '{key}' for the {target}",
                text,
                file=ORGANISATION_FILE,
                path=("organisation", target),
            )
    return out


def _organization(manifest: _Manifest, index: int, data: dict[str, Any], draft: Draft) -> None:
    here: tuple[str | int, ...] = ("organization", index)
    _unknown(manifest, here, data, _ORGANIZATION_KEYS, draft, "organization")
    organisation = draft.organisation
    if organisation:
        draft.note("warning", manifest.where(*here), "a second Fides organization: only the first is imported")
        return
    controller = _contact(
        manifest,
        (*here, "controller"),
        data.get("controller"),
        ("address", "email", "phone", "name"),
        draft,
        "controller",
    )
    contact_name = controller.pop("name", None)
    name = _text(data.get("name")) or contact_name
    organisation["controller"] = {"name": name, **controller} if name else controller
    if contact_name and contact_name != name:
        draft.note(
            "lost",
            manifest.where(*here, "controller", "name"),
            "the controller's contact person: the record names the controller (the organisation) only",
            contact_name,
            file=ORGANISATION_FILE,
            path=("organisation", "controller"),
        )
    dpo = _contact(
        manifest,
        (*here, "data_protection_officer"),
        data.get("data_protection_officer"),
        ("name", "email", "phone"),
        draft,
        "dpo",
    )
    if dpo:
        organisation["dpo"] = {"designated": True, **dpo}
    representative = _contact(
        manifest,
        (*here, "representative"),
        data.get("representative"),
        ("name", "address", "email", "phone"),
        draft,
        "representative",
    )
    if representative:
        organisation["representative"] = representative
    policy = _text(data.get("security_policy"))
    if policy:
        organisation["security_policy_ref"] = policy
    description = _text(data.get("description"))
    if description:
        draft.note(
            "lost",
            manifest.where(*here, "description"),
            "the record format has no organisation description",
            description,
            file=ORGANISATION_FILE,
            path=("organisation",),
        )


def _tags(kind: str, key: str) -> tuple[str | None, list[str]]:
    entry = taxonomy()[kind].get(key)
    if entry is None:
        return None, []
    return str(entry["name"]), list(entry.get("tags") or [])


def _keys(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int) and not isinstance(item, bool)]
    return []


def _system(manifest: _Manifest, index: int, system: dict[str, Any], draft: Draft, names: dict[str, str]) -> None:
    here: tuple[str | int, ...] = ("system", index)
    _unknown(manifest, here, system, _SYSTEM_KEYS, draft, "system")
    key = _text(system.get("fides_key")) or f"system-{index + 1}"
    declarations = system.get("privacy_declarations")
    if not isinstance(declarations, list) or not declarations:
        draft.note("warning", manifest.where(*here), f"system '{key}' has no privacy declarations: no activity")
        return
    for number, declaration in enumerate(declarations):
        if not isinstance(declaration, dict):
            raise SourceError(
                manifest.where(*here, "privacy_declarations", number), "a privacy declaration is a mapping"
            )
        _declaration(
            manifest,
            (*here, "privacy_declarations", number),
            system,
            key,
            declaration,
            draft,
            names,
            several=len(declarations) > 1,
        )


def _declaration(
    manifest: _Manifest,
    here: tuple[str | int, ...],
    system: dict[str, Any],
    system_key: str,
    data: dict[str, Any],
    draft: Draft,
    names: dict[str, str],
    *,
    several: bool,
) -> None:
    _unknown(manifest, here, data, _DECLARATION_KEYS, draft, "privacy declaration")
    use = _text(data.get("data_use")) or ""
    wanted = f"{system_key}-{use}" if several else system_key
    activity = draft.new_activity(wanted)
    system_name = _text(system.get("name")) or system_key
    declaration_name = _text(data.get("name"))
    activity["name"] = f"{system_name}: {declaration_name}" if declaration_name else system_name
    for field, key in (("description", "description"), ("business_function", "administrating_department")):
        text = _text(system.get(key))
        if text:
            activity[field] = text

    def note(kind: Any, path: tuple[str | int, ...], message: str, value: Any = None, *target: str | int) -> None:
        draft.note(kind, manifest.where(*path), message, _text(value), activity=activity, path=target)

    use_name, use_tags = _tags("data_uses", use)
    if use and use_name is None:
        note(
            "unplaced",
            (*here, "data_use"),
            "not a data use of the fideslang taxonomy ropa-check knows: no tag",
            use,
            "purposes",
        )
    purpose: dict[str, Any] = {"id": values.slug(use, "purpose"), "description": use_name or use}
    if use_tags:
        purpose["tags"] = use_tags
    basis = _text(data.get("legal_basis_for_processing"))
    if basis:
        art6 = _LEGAL_BASIS.get(basis.casefold())
        if art6:
            lawful: dict[str, Any] = {"art6": art6}
            assessment = _text(data.get("impact_assessment_location"))
            if assessment and art6 == "legitimate_interests":
                lawful["lia_ref"] = assessment
            purpose["lawful_basis"] = lawful
        else:
            note(
                "unplaced",
                (*here, "legal_basis_for_processing"),
                "not an Art. 6(1) basis",
                basis,
                "purposes",
                0,
                "lawful_basis",
            )
    if use:
        activity["purposes"] = [purpose]
    subjects = []
    for subject in _keys(data.get("data_subjects")):
        name, tags = _tags("data_subjects", subject)
        entry: dict[str, Any] = {"id": values.slug(subject, "subject"), "name": name or subject}
        if tags:
            entry["tags"] = tags
        subjects.append(entry)
        if name is None:
            note(
                "unplaced",
                (*here, "data_subjects"),
                "not a data subject of the fideslang taxonomy: no tag",
                subject,
                "data_subjects",
            )
    if subjects:
        activity["data_subjects"] = subjects
    categories: list[dict[str, Any]] = []
    special = data.get("processes_special_category_data") is True
    special_basis = _text(data.get("special_category_legal_basis"))
    # The Art. 9 basis belongs on the special-category data; only where no key says which it is (the
    # declaration says it has some) does it go on each category.
    tagged_special = any(
        t.startswith("special_category:")
        for category in _keys(data.get("data_categories"))
        for t in _tags("data_categories", category)[1]
    )
    for category in _keys(data.get("data_categories")):
        name, tags = _tags("data_categories", category)
        entry = {
            "id": values.unique(values.slug(category, "category"), {c["id"] for c in categories}),
            "name": name or category,
            "description": f"fideslang {category}",
        }
        if tags:
            entry["tags"] = tags
        if name is None:
            note(
                "unplaced",
                (*here, "data_categories"),
                "not a data category of the fideslang taxonomy: no tag",
                category,
                "data_categories",
            )
        is_special = any(t.startswith("special_category:") for t in tags)
        if special_basis and (is_special or (special and not tagged_special)):
            entry["art9_condition"] = special_basis
        categories.append(entry)
    if categories:
        activity["data_categories"] = categories
    if special_basis and not any("art9_condition" in c for c in categories):
        note(
            "unplaced",
            (*here, "special_category_legal_basis"),
            "a special-category basis, but no data category is special",
            special_basis,
            "data_categories",
        )
    retention = _text(data.get("retention_period"))
    if retention:
        # Fides asks for the retention period in days; a bare number is read so.
        concrete = values.retention(f"{retention} days" if retention.isdigit() else retention)
        activity["retention"] = concrete if concrete is not None else {"description": retention}
    _flows(manifest, here, system, data, activity, draft, names)
    _transfers(manifest, system, activity, draft)
    _dpia(system, data, activity)
    datasets = _keys(data.get("dataset_references")) or _keys(system.get("dataset_references"))
    if datasets:
        activity["data_location"] = [{"system": f"{system_name} (Fides dataset {d})"} for d in datasets]
    role = _text(system.get("data_responsibility_title")) or _text(system.get("responsibility"))
    if role and role.casefold() not in ("controller", "['controller']"):
        note(
            "unplaced",
            ("system", here[1], "data_responsibility_title"),
            "the system's role is not controller: a processor's processing belongs in processor_activities",
            role,
        )
    if data.get("cookies") or system.get("cookies"):
        activity["terminal_equipment_access"] = {"used": True, "technologies": ["cookie"]}


def _flows(
    manifest: _Manifest,
    here: tuple[str | int, ...],
    system: dict[str, Any],
    data: dict[str, Any],
    activity: dict[str, Any],
    draft: Draft,
    names: dict[str, str],
) -> None:
    """Egress to recipients (other systems of the organisation are internal), ingress to sources."""
    wanted_egress = set(_keys(data.get("egress")))
    recipients: list[str] = []
    for flow in system.get("egress") or []:
        if not isinstance(flow, dict) or (wanted_egress and flow.get("fides_key") not in wanted_egress):
            continue
        key = _text(flow.get("fides_key"))
        if key is None:
            continue
        internal = flow.get("type") == "system" and key in names
        recipients.append(
            draft.recipient(
                names.get(key, key),
                kind="internal" if internal else None,
                description=f"Fides {flow.get('type') or 'resource'} {key}",
            )
        )
    if data.get("data_shared_with_third_parties") is True:
        third = _text(data.get("third_parties")) or "Third parties"
        recipients.append(draft.recipient(third, description="Fides privacy declaration: third_parties"))
    if recipients:
        activity["recipients"] = list(dict.fromkeys(recipients))
    elif data.get("data_shared_with_third_parties") is False and not system.get("egress"):
        # A processor is no third party (Art. 4(10)) but is a recipient (Art. 4(9), "whether a third party or
        # not"): no third parties leaves the recipients unsaid, a gap the rules report, not "none".
        draft.note(
            "unplaced",
            manifest.where(*here, "data_shared_with_third_parties"),
            "no third parties (Art. 4(10)) is not no recipients (Art. 4(9)): processors are recipients too; "
            "recipients left unstated",
            "false",
            activity=activity,
            path=("recipients",),
        )
    sources: list[str] = []
    for flow in system.get("ingress") or []:
        if isinstance(flow, dict) and _text(flow.get("fides_key")):
            key = str(flow["fides_key"])
            sources.append(draft.source(names.get(key, key), type="generated" if key in names else None))
    if sources:
        activity["sources"] = list(dict.fromkeys(sources))
    del manifest, here


def _transfers(manifest: _Manifest, system: dict[str, Any], activity: dict[str, Any], draft: Draft) -> None:
    transfers = []
    for code in _keys(system.get("third_country_transfers")):
        country = values.alpha_3(code) or values.country(code)
        transfers.append({"country": country or "unknown"})
        if country is None:
            draft.note(
                "unplaced",
                manifest.where("system"),
                "not an ISO 3166-1 country code",
                code,
                activity=activity,
                path=("transfers",),
            )
    basis = _text(system.get("legal_basis_for_transfers"))
    if basis:
        mechanism = values.mechanism(basis)
        for transfer in transfers:
            if mechanism:
                transfer["mechanism"] = mechanism
            else:
                transfer["safeguards_doc"] = basis
    if transfers:
        activity["transfers"] = transfers


def _dpia(system: dict[str, Any], data: dict[str, Any], activity: dict[str, Any]) -> None:
    dpia: dict[str, Any] = {}
    old = system.get("data_protection_impact_assessment")
    if isinstance(old, dict):
        if isinstance(old.get("is_required"), bool):
            dpia["required"] = old["is_required"]
        progress = _DPIA_PROGRESS.get(str(old.get("progress") or "").casefold())
        if progress:
            dpia["status"] = progress
        if _text(old.get("link")):
            dpia["ref"] = _text(old.get("link"))
    if isinstance(system.get("requires_data_protection_assessments"), bool):
        dpia.setdefault("required", system["requires_data_protection_assessments"])
    if _text(system.get("dpa_location")):
        dpia.setdefault("ref", _text(system.get("dpa_location")))
    progress = _DPIA_PROGRESS.get(str(system.get("dpa_progress") or "").casefold())
    if progress:
        dpia.setdefault("status", progress)
    if dpia:
        activity["dpia"] = dpia
    del data
