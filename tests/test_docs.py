"""Generated documentation stays in step with the code."""

from __future__ import annotations

import re

from ropa_check import hookspecs
from ropa_check.explain import markdown
from tests.helpers import ALL_RULES, ROOT


def test_rules_reference_is_fresh() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(ALL_RULES), "run: python -m ropa_check.explain > docs/rules.md"


def test_every_hook_is_documented_and_typed() -> None:
    specs = [name for name in dir(hookspecs) if name.startswith("ropa_check_")]
    assert specs
    for name in specs:
        func = getattr(hookspecs, name)
        assert func.__doc__, name
        assert ":return:" in func.__doc__, name
        assert "return" in func.__annotations__, name


def test_readme_output_block_is_real() -> None:
    """The README shows what `ropa-check records/` prints today (its first lines and summary)."""
    import io

    from ropa_check.pipeline import check_paths
    from ropa_check.reporters import text

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- output:start -->\n```console\n\$ ropa-check records/\n(.*?)```", readme, re.S)
    assert block is not None
    shown = block.group(1)
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = check_paths(["records/"], ALL_RULES, [])
    finally:
        os.chdir(cwd)
    out = io.StringIO()
    text.full(result, out)
    real = out.getvalue()
    summary = real.rstrip().splitlines()[-1]
    assert summary in shown, "refresh the README output block"
    for line in shown.splitlines():
        if line.strip() and line.strip() != "...":
            assert line in real.splitlines(), f"README shows a line ropa-check no longer prints: {line!r}"


def test_rule_documentation_urls_point_into_the_published_rules_doc() -> None:
    """RULES_DOC_URL (each built-in rule's helpUri) is the Documentation URL the package declares."""
    import sys

    from ropa_check.rule import HOME_URL, RULES_DOC_URL

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Documentation"] == RULES_DOC_URL
    assert urls["Repository"] == HOME_URL  # SARIF's informationUri
    assert RULES_DOC_URL.startswith(urls["Repository"] + "/")
    assert RULES_DOC_URL.endswith("/docs/rules.md")
    assert all(r.url == f"{RULES_DOC_URL}#{r.rule.code.lower()}" for r in ALL_RULES)
