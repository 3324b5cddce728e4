"""RPA09x: findings about waivers and baselines themselves.

They are not input failures: a lapsed waiver or a stale baseline entry does not
stop the record from being checked, so they are warnings (exit status 1 only
with ``--fail-on warning``) and never exit status 2. The waiver and baseline
code reports them; their check function is never called.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import reported_elsewhere, rule

_WAIVERS = 'ropa-check waivers: `# ropa-check: ignore[CODE] reason="..." expires=YYYY-MM-DD` or `x-ropa-check`'
_BASELINE = "ropa-check baselines: `--create-baseline FILE`, `--baseline FILE`"


@rule(
    code="RPA091",
    name="waiver-expired",
    severity="warning",
    scope="suppression",
    summary="A waiver's expiry date has passed, so the findings it covered count again.",
    references=(_WAIVERS, "GDPR Art. 5(2) (accountability)", "GDPR Art. 24(1)"),
    fix="Fix the findings the waiver covered and remove it, or renew it with a new `expires` date "
    "after a fresh review (the approver should sign off again).",
)
def WAIVER_EXPIRED(_: object) -> Iterator[str]:
    """A waiver is valid through its `expires` date (inclusive). From the day
    after, it no longer suppresses anything: the findings it covered are
    reported again and this finding says when it lapsed.

    The controller's measures to ensure and demonstrate compliance "shall be
    reviewed and updated where necessary" (Art. 24(1)), and it must be able to
    demonstrate compliance (Art. 5(2)); an exception accepted once is not
    accepted for ever. Results
    depend on the date: `--today YYYY-MM-DD` or `ROPA_CHECK_TODAY` makes a run
    reproducible.
    """
    return reported_elsewhere(_)


@rule(
    code="RPA092",
    name="waiver-malformed",
    severity="warning",
    scope="suppression",
    summary="A waiver cannot be read (no codes, no reason, a bad date or an unknown attribute); it is not applied.",
    references=(_WAIVERS, "GDPR Art. 5(2) (accountability)"),
    fix='Write it as `# ropa-check: ignore[RPA401] reason="why" approver="who" expires=2027-06-30`, '
    'or in JSON `"x-ropa-check": {"ignore": [{"codes": ["RPA401"], "reason": "why"}]}`.',
)
def WAIVER_MALFORMED(_: object) -> Iterator[str]:
    """A waiver fails closed: if it names no codes, gives no reason, has an
    expiry that is not an ISO date (`2027-06-30`), uses an attribute ropa-check
    does not know, or stands where no record entry follows it, it suppresses
    nothing and this finding says what is wrong.

    A reason is required because an accepted gap in a record of processing
    activities must be explainable to the supervisory authority (Art. 5(2)).
    """
    return reported_elsewhere(_)


@rule(
    code="RPA093",
    name="waiver-unused",
    severity="warning",
    scope="suppression",
    summary="A waiver names a code that reports nothing where the waiver applies.",
    references=(_WAIVERS, "GDPR Art. 5(2) (accountability)"),
    fix="Remove the code from the waiver (or the whole waiver): the gap it excused has been closed, "
    "or the waiver stands at the wrong entry.",
)
def WAIVER_UNUSED(_: object) -> Iterator[str]:
    """Like ruff's RUF100, a waiver that suppresses nothing is reported: the
    gap was fixed, or the waiver sits at the wrong entry and would hide a
    future finding nobody has reviewed. Codes of rules that did not run
    (`--select`, `--ignore`) are not reported as unused.
    """
    return reported_elsewhere(_)


@rule(
    code="RPA094",
    name="baseline-stale",
    severity="warning",
    scope="suppression",
    summary="A baseline entry matches no current finding; the gap it recorded is gone.",
    references=(_BASELINE, "GDPR Art. 5(2) (accountability)"),
    fix="Recreate the baseline with `--create-baseline FILE` so that it lists only the gaps still open.",
)
def BASELINE_STALE(_: object) -> Iterator[str]:
    """A baseline records the findings that existed when it was made, keyed on
    file, activity id, JSON path and code (never line numbers, so edits above a
    finding do not break it). An entry that no longer matches a finding means
    the gap was closed; keeping it would silently accept the gap if it came
    back. The finding points at the entry in the baseline file.
    """
    return reported_elsewhere(_)


SUPPRESSION_RULES = (WAIVER_EXPIRED, WAIVER_MALFORMED, WAIVER_UNUSED, BASELINE_STALE)
