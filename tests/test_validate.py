"""Schema errors: every one reported, at its line, with a message a DPO can act on."""

from __future__ import annotations

from ropa_check.loader import loads
from ropa_check.validate import validate


def errors_for(text: str):
    doc, load_errors = loads(text.encode(), "r.yaml")
    assert load_errors == []
    assert doc is not None
    model, errors = validate(doc)
    assert model is None
    return errors


def test_unknown_key_suggests_the_nearest_one() -> None:
    (err,) = errors_for("activities:\n  - id: a\n    retension: {duration: P1Y}\n")
    assert err.code == "RPA003"
    assert (err.line, err.column) == (3, 5)
    assert err.json_path == "$.activities[0].retension"
    assert "did you mean 'retention'?" in err.message


def test_all_errors_in_a_file_are_reported() -> None:
    errors = errors_for(
        "organisation:\n"
        "  headcount: many\n"
        "activities:\n"
        "  - id: Not An Id\n"
        "    purposes:\n"
        "      - id: p\n"
        "        lawful_basis: {art6: contrct}\n"
        "    retention: {duration: 2 years}\n"
        "  - name: no id\n"
    )
    by_path = {e.json_path: e for e in errors}
    assert set(by_path) == {
        "$.organisation.headcount",
        "$.activities[0].id",
        "$.activities[0].purposes[0].lawful_basis.art6",
        "$.activities[0].retention.duration",
        "$.activities[1].id",
    }
    assert "did you mean 'contract'?" in by_path["$.activities[0].purposes[0].lawful_basis.art6"].message
    assert "ISO 8601 duration" in by_path["$.activities[0].retention.duration"].message
    assert by_path["$.activities[1].id"].message == "required key 'id' is missing"
    assert by_path["$.activities[1].id"].line == 9
    assert by_path["$.activities[0].id"].line == 4


def test_union_errors_are_reported_once() -> None:
    (err,) = errors_for("activities:\n  - id: a\n    security_measures: 5\n")
    assert err.json_path == "$.activities[0].security_measures"


def test_top_level_must_be_a_mapping() -> None:
    (err,) = errors_for("- just\n- a list\n")
    assert err.code == "RPA002"
    assert "mapping" in err.message


def test_format_1_1_is_declared_as_text_and_a_number_is_explained() -> None:
    from ropa_check.loader import loads as load_text

    for text in (b'ropa_format: "1.1"\n', b"ropa_format: 1\n"):  # every v1 record stays valid
        doc, _ = load_text(text, "r.yaml")
        assert doc is not None
        assert validate(doc)[1] == []
    doc, _ = load_text(b"ropa_format: 1.1\n", "r.yaml")
    assert doc is not None
    (error,) = validate(doc)[1]
    assert 'got the number 1.1: write it as text, "1.1"' in error.message


def test_a_text_file_is_quoted_short_never_whole() -> None:
    # A link or a wrong file (a password file) must not be printed by the message that refuses it.
    secret = "".join(f"user{i}:x:{i}:{i}::/home/user{i}:/bin/sh\n" for i in range(200))
    (error,) = errors_for(secret)
    assert "user0:x:0:0" in error.message
    assert "user9:" not in error.message
    assert "more characters" in error.message
    assert len(error.message) < 200
