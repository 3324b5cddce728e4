"""``ropa-check init``: the starter record loads, its findings are pinned, and nothing is overwritten unasked.

The findings of the starter record are the to-do list, pinned per file in
``findings.json`` beside this test. When the rules change on purpose, re-pin
with ``ROPA_CHECK_REPIN=1 python -m pytest tests/starter`` and review the diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from ropa_check.cli import main
from ropa_check.format import schema
from ropa_check.loader import load
from ropa_check.starter import placing

PINNED = Path(__file__).with_name("findings.json")
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
#: What only Swedish law and Swedish authorities are called: none of it belongs in another country's record.
SWEDISH = re.compile(
    r"\b(DSL|IMY|LEK|BFL|SFS)\b|personnummer|samordningsnummer|dataskyddslag|integritetsskyddsmyndighet"
    r"|datainspektionen|skatteverket|bokföringslag|marknadsföringslag|kamerabevakningslag|polismyndighet"
    r"|kreditupplysning|\bkap\.|§|org_number|national_id_justification",
    re.IGNORECASE,
)


def init(folder: Path, *args: str) -> int:
    return main(["init", str(folder), *args])


def findings(capsys: pytest.CaptureFixture[str], record: str = "records") -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    status = main(["check", record, "--output-format", "json"])
    return status, json.loads(capsys.readouterr().out)


def codes_per_file(report: dict[str, Any]) -> dict[str, list[str]]:
    files: dict[str, list[str]] = {}
    for finding in report["findings"]:
        files.setdefault(finding["file"], []).append(finding["code"])
    return {name: sorted(codes) for name, codes in sorted(files.items())}


def written(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("country", ["SE", "IE"])
def test_starter_loads_and_its_findings_are_pinned(
    country: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert init(Path("."), "--org", "Exempel AB", "--country", country) == 0
    status, report = findings(capsys)
    assert status in (0, 1), report
    assert not report["summary"]["input_failed"]
    got = codes_per_file(report)
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    if os.environ.get("ROPA_CHECK_REPIN"):
        pinned[country] = got
        PINNED.write_text(json.dumps(pinned, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    if got != pinned.get(country):
        diff = difflib.unified_diff(
            json.dumps(pinned.get(country), indent=2).splitlines(),
            json.dumps(got, indent=2).splitlines(),
            f"pinned ({PINNED.name}, {country})",
            "now",
            lineterm="",
        )
        pytest.fail(
            "the starter record's findings changed; if that is intended, re-pin with "
            "ROPA_CHECK_REPIN=1 python -m pytest tests/starter\n" + "\n".join(diff)
        )


def test_every_finding_of_the_starter_is_a_rule_finding_with_a_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The to-do list: each item cites its provision and says how to fix it."""
    monkeypatch.chdir(tmp_path)
    assert init(Path("."), "--org", "Exempel AB", "--country", "SE") == 0
    _, report = findings(capsys)
    assert report["findings"]
    for finding in report["findings"]:
        assert finding["reference"], finding
        assert finding["fix"], finding
        assert not finding["code"].startswith("RPA0"), finding


@pytest.mark.parametrize(
    ("country", "lang", "names"),
    [
        ("SE", None, "personaladministration"),
        ("se", "en", "staff-administration"),
        ("IE", None, "staff-administration"),
        ("IE", "sv", "personaladministration"),
        ("US", None, "staff-administration"),
        ("JP", "sv", "personaladministration"),
    ],
)
def test_every_country_and_language_loads(
    country: str,
    lang: str | None,
    names: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert init(Path("."), "--org", "Org", "--country", country, *(["--lang", lang] if lang else [])) == 0
    assert (tmp_path / "records" / "activities" / f"{names}.yaml").is_file()
    status, report = findings(capsys)
    assert status in (0, 1)
    assert not report["summary"]["input_failed"]
    assert report["summary"]["activities"] == 6
    codes = {f["code"] for f in report["findings"]}
    # The Swedish pack applies to a Swedish controller only; a controller outside the EEA needs a representative.
    assert any(c.startswith("RSE") for c in codes) == (country.upper() == "SE")
    assert ("RPA104" in codes) == (country in ("US", "JP"))


@pytest.mark.parametrize(("lang", "exemption"), [("en", "Art. 27(2)"), ("sv", "art. 27.2")])
def test_the_representative_comment_names_its_exemption(lang: str, exemption: str, tmp_path: Path) -> None:
    """Art. 27(1) is not the whole rule: Art. 27(2) exempts occasional low-risk processing and public bodies."""
    assert init(tmp_path, "--org", "Example Inc", "--country", "US", "--lang", lang) == 0
    text = (tmp_path / "records" / "organisation.yaml").read_text(encoding="utf-8")
    comment = text.split("representative:")[0].rsplit("\n  # dpo:", 1)[1]
    assert exemption in comment


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_no_swedish_law_outside_sweden(lang: str, tmp_path: Path) -> None:
    assert init(tmp_path / "ie", "--org", "Example Ltd", "--country", "IE", "--lang", lang) == 0
    assert init(tmp_path / "se", "--org", "Exempel AB", "--country", "SE", "--lang", lang) == 0
    # The schema is left out here: its field names (org_number) match; tests/test_schema.py holds its text EU-wide.
    irish = {k: v for k, v in written(tmp_path / "ie").items() if not k.startswith("schemas/")}
    swedish = {k: v for k, v in written(tmp_path / "se").items() if not k.startswith("schemas/")}
    for name, text in irish.items():
        found = SWEDISH.search(text)
        assert found is None, f"{name}: {found.group(0) if found else ''}"
    # ...and the test would see them: the Swedish record has them.
    assert {m.group(0).lower() for t in swedish.values() for m in SWEDISH.finditer(t)} >= {
        "personnummer",
        "dataskyddslag",
        "imy",
        "lek",
        "§",
    }


def test_an_existing_file_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init(tmp_path, "--org", "Exempel AB", "--country", "SE") == 0
    organisation = tmp_path / "records" / "organisation.yaml"
    organisation.write_text("# edited by the organisation\n", encoding="utf-8")
    before = written(tmp_path)
    capsys.readouterr()
    assert init(tmp_path, "--org", "Other AB", "--country", "SE") == 2
    error = capsys.readouterr().err
    assert "organisation.yaml" in error
    assert "--force" in error
    assert "Traceback" not in error
    assert written(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ropa-check-init-")]


def test_force_overwrites(tmp_path: Path) -> None:
    assert init(tmp_path, "--org", "Exempel AB", "--country", "SE") == 0
    fresh = written(tmp_path)
    organisation = tmp_path / "records" / "organisation.yaml"
    organisation.write_text("# edited\n", encoding="utf-8")
    assert init(tmp_path, "--org", "Exempel AB", "--country", "SE", "--force") == 0
    again = written(tmp_path)
    assert again == fresh


def test_a_record_already_there_is_refused_even_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two organisation blocks in one folder would not load: init starts a record, it does not join one."""
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "ropa.yaml").write_text("organisation:\n  controller: {name: Old AB}\n", encoding="utf-8")
    capsys.readouterr()
    assert init(tmp_path, "--org", "Exempel AB", "--country", "SE", "--force") == 2
    assert "ropa.yaml" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "records").iterdir()) == ["ropa.yaml"]


def test_a_failure_while_placing_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = placing._place_new
    calls = []

    def fail_on_the_third(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(placing, "_place_new", fail_on_the_third)
    assert init(tmp_path, "--org", "Exempel AB", "--country", "SE") == 2
    assert len(calls) == 3
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "org",
    [
        'Evil "AB"\nactivities: []\n# {{ org }}',
        "key: value # comment {{ 7*7 }} {% if %}",
        "*alias &anchor !!python/object/apply:os.system ['id']",
        "::error file=x::workflow command\r\n::add-mask::x",
        "tab\t NEL\x85 LS\u2028 bidi\u202e ESC\x1b[31m NUL\x00",
        "@COUNTRY@ @ORG@ $schema",
    ],
)
def test_a_hostile_organisation_name_is_data(
    org: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert init(Path("."), "--org", org, "--country", "IE") == 0
    summary = capsys.readouterr().out
    assert "\x1b" not in summary
    assert "\n::" not in summary
    document, errors = load(tmp_path / "records" / "organisation.yaml")
    assert not errors
    assert document is not None
    assert document.data["organisation"]["controller"] == {"name": org, "country": "IE"}
    status, report = findings(capsys)
    assert status in (0, 1)
    assert not report["summary"]["input_failed"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "X", "--country", "Sweden"], "ISO 3166-1"),
        (["--org", "X", "--country", "S1"], "ISO 3166-1"),
        (["--org", "  ", "--country", "SE"], "--org"),
        (["--org", "X", "--country", "SE", "--hook-repo", "https://example.org/r.git"], "--hook-rev"),
        (["--org", "X", "--country", "SE", "--hook-repo", "https://x/$(id)", "--hook-rev", "a" * 40], "--hook-repo"),
        (["--org", "X", "--country", "SE", "--hook-repo", "/srv/ropa-check", "--hook-rev", "-x"], "--hook-rev"),
        # A branch or tag is not a pin: it can be moved to other code after the files are written.
        (["--org", "X", "--country", "SE", "--hook-repo", "/srv/ropa-check", "--hook-rev", "main"], "full commit id"),
        (["--org", "X", "--country", "SE", "--hook-repo", "/srv/ropa-check", "--hook-rev", "v1.0"], "full commit id"),
        (
            ["--org", "X", "--country", "SE", "--hook-repo", "/srv/ropa-check", "--hook-rev", "0123abc"],
            "full commit id",
        ),
    ],
)
def test_bad_arguments_are_usage_errors(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init(tmp_path / "new", *args) == 2
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error
    assert not (tmp_path / "new").exists()


def test_the_folder_may_not_be_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert init(tmp_path / "file", "--org", "X", "--country", "SE") == 2
    assert "not a folder" in capsys.readouterr().err


def test_modelines_point_at_the_schema_copy_and_the_record_validates_against_it(tmp_path: Path) -> None:
    """The schema works outside this repository: every starter file validates against the copy init wrote."""
    assert init(tmp_path, "--org", "Exempel AB", "--country", "SE") == 0
    copy = tmp_path / "schemas" / "ropa-record.schema.json"
    assert copy.read_text(encoding="utf-8") == schema.render()
    validator = jsonschema.Draft202012Validator(json.loads(copy.read_text(encoding="utf-8")))
    record_files = sorted((tmp_path / "records").rglob("*.yaml"))
    assert len(record_files) == 8
    for path in record_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve() == copy.resolve()
        document, errors = load(path)
        assert not errors
        assert document is not None
        problems = [e.message for e in validator.iter_errors(document.data)]
        assert not problems, (path, problems)


def test_pre_commit_configuration_validates(tmp_path: Path) -> None:
    assert PRE_COMMIT.exists(), "pre-commit is a test dependency"
    rev = "0123456789abcdef0123456789abcdef01234567"
    assert init(tmp_path / "a", "--org", "X", "--country", "SE") == 0
    given_source = ["--hook-repo", "file:///srv/ropa-check", "--hook-rev", rev]
    assert init(tmp_path / "b", "--org", "X", "--country", "IE", *given_source) == 0
    for folder in (tmp_path / "a", tmp_path / "b"):
        config = folder / ".pre-commit-config.yaml"
        run = subprocess.run(
            [str(PRE_COMMIT), "validate-config", str(config)], capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stdout + run.stderr
    given = yaml.safe_load((tmp_path / "b" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert given["repos"] == [{"repo": "file:///srv/ropa-check", "rev": rev, "hooks": [{"id": "ropa-check"}]}]
    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "ropa-check" in {hook["id"] for hook in hooks}
    workflow = yaml.safe_load((tmp_path / "b" / ".github" / "workflows" / "ropa-check.yml").read_text("utf-8"))
    steps = workflow["jobs"]["ropa-check"]["steps"]
    assert {"run": f'python -m pip install "git+file:///srv/ropa-check@{rev}"'} in steps
    assert steps[-1]["run"] == "ropa-check check records"
    # Every action is pinned to a full commit id, and the checkout leaves no token in .git/config.
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", u) for u in uses), uses
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}


def test_the_command_module_stays_cheap_to_import() -> None:
    code = "import sys, ropa_check.starter.command; print(sorted(m for m in sys.modules if 'starter.' in m))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "['ropa_check.starter.command']"


def test_the_same_arguments_write_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CHECK_TODAY", "2027-02-03")
    assert init(tmp_path / "a", "--org", "Exempel AB", "--country", "SE") == 0
    assert init(tmp_path / "b", "--org", "Exempel AB", "--country", "SE") == 0
    assert init(tmp_path / "c", "--org", "Exempel AB", "--country", "SE", "--today", "2028-01-01") == 0
    first, second = written(tmp_path / "a"), written(tmp_path / "b")
    assert first == second
    assert "    created: 2027-02-03\n" in first["records/organisation.yaml"]
    assert "    created: 2028-01-01\n" in written(tmp_path / "c")["records/organisation.yaml"]


def test_a_bad_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init(tmp_path, "--org", "X", "--country", "SE", "--today", "31/12/2027") == 2
    assert "--today" in capsys.readouterr().err


def _field_names(node: Any, names: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names.update(value)
            _field_names(value, names)
    elif isinstance(node, list):
        for item in node:
            _field_names(item, names)
    return names


@pytest.mark.parametrize(("country", "lang"), [("SE", "sv"), ("SE", "en"), ("IE", "en"), ("US", "sv")])
def test_every_commented_key_is_a_field_of_the_format(country: str, lang: str, tmp_path: Path) -> None:
    """A key the organisation uncomments is one the format knows: no typo waits for them in the starter."""
    fields = _field_names(schema.record_schema(), set())
    assert init(tmp_path, "--org", "X", "--country", country, "--lang", lang) == 0
    commented = re.compile(r"^\s*#\s+(?:- )?([a-z_0-9]+):(?:\s|$)")
    seen = set()
    for path in sorted((tmp_path / "records").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = commented.match(line)
            if match:
                seen.add(match.group(1))
                assert match.group(1) in fields, f"{path.name}:{number}: {line.strip()}"
    assert {"lawful_basis", "retention", "recipients", "sources", "dpia", "security_measures"} <= seen


#: Words that give away the other language in a comment (names of fields and values are English in both).
OTHER_LANGUAGE = {
    "sv": re.compile(r"\b(the|and|or|where|how|which|who|is|are)\b"),
    "en": re.compile(r"\b(och|eller|som|ska|för|är|inte|att)\b"),
}


@pytest.mark.parametrize(("country", "lang"), [("SE", "sv"), ("SE", "en"), ("IE", "en"), ("IE", "sv")])
def test_the_comments_are_in_one_language(country: str, lang: str, tmp_path: Path) -> None:
    assert init(tmp_path, "--org", "X", "--country", country, "--lang", lang) == 0
    for name, text in written(tmp_path).items():
        if name.startswith("schemas/"):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            comment = line.partition("#")[2] if "#" in line else ""
            found = OTHER_LANGUAGE[lang].search(comment)
            assert found is None, f"{name}:{number}: {line.strip()}"
