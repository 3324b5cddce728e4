"""The result every reporter test renders: Kollektivkraft AB's real record, two findings suppressed."""

from __future__ import annotations

import dataclasses

import pytest

from ropa_check.finding import Suppression
from ropa_check.result import Result
from tests.helpers import RECORDS, ROOT, check

WAIVER = Suppression("waiver", "Medlemmar informeras muntligt; policyn uppdateras Q1", "DPO Anna", "2099-12-31")
BASELINE = Suppression("baseline", "in the baseline since 2024-03-16")


@pytest.fixture
def kollektivkraft(monkeypatch: pytest.MonkeyPatch) -> Result:
    """Checked from the repository root, as CI does, so paths are repo-relative."""
    monkeypatch.chdir(ROOT)
    result = check(RECORDS.relative_to(ROOT))
    assert len(result.findings) >= 5, result.findings
    # The first finding is waived, the last one baselined (as the suppression machinery marks them).
    result.findings[0] = dataclasses.replace(result.findings[0], suppression=WAIVER)
    result.findings[-1] = dataclasses.replace(result.findings[-1], suppression=BASELINE)
    return result
