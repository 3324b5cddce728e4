"""Which rules run: one parser for every selector, and one function that gives the selected rules.

A selector is a rule code (``RPA401``), a prefix of codes (``RPA4``, ``RSE``) or
``ALL``. ``--select``, ``--ignore``, ``--extend-select``, per-file ignores,
severity overrides, configuration files, the pytest plugin's ini options and
waivers all go through :func:`parse` (the spelling) and :func:`check_known` (a
selector must name at least one installed rule), ruff's way: a typo can never
quietly select nothing and turn a gate green.

Between select and ignore the most specific (longest) matching selector
decides; on a tie, ignore wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ropa_check.options import Options, UsageError
from ropa_check.suggest import nearest

if TYPE_CHECKING:
    from ropa_check.plugins import RegisteredRule

# Spelling only: letters then letters or digits. Whether a selector names a rule is check_known's
# question, so that RPA4O1 (a letter O) is answered "did you mean 'RPA401'?".
_SELECTOR = re.compile(r"^[A-Z][A-Z0-9]*$")


class SelectorError(UsageError):
    """A selector is misspelt or names no installed rule (exit status 2)."""


def is_selector(text: str) -> bool:
    """True when ``text`` is spelt like a code, a prefix or ``ALL``: upper-case letters, then digits or letters."""
    return _SELECTOR.match(text) is not None


def parse(values: Iterable[str]) -> tuple[str, ...]:
    """Normalise selectors (``rpa4, RPA501`` -> ``RPA4``, ``RPA501``) and check their spelling.

    Each value may hold several, separated by commas. Raises :class:`SelectorError`.
    """
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not is_selector(code):
                raise SelectorError(f"holds '{code}', which is not a rule code or prefix (e.g. RPA401, RPA4, ALL)")
            out.append(code)
    return tuple(out)


def unknown(code: str, known: Sequence[str]) -> str | None:
    """Why ``code`` names no rule in ``known``, with the nearest code or prefix; None when it names one."""
    if code == "ALL" or any(k.startswith(code) for k in known):
        return None
    # The nearest code or prefix of the same length (RPA4O1 -> RPA401), and the longest prefix that
    # does name rules (RPA999 -> RPA9), so the user sees both the likely typo and where to look.
    close = nearest(code, sorted({k[: len(code)] for k in known}), cutoff=0.5)
    longest = next((code[:n] for n in range(len(code) - 1, 0, -1) if any(k.startswith(code[:n]) for k in known)), "")
    hint = f"; did you mean '{close}'?" if close else ""
    if re.search(r"[0-9]", longest):
        where = f"`ropa-check rules --select {longest}` lists those under {longest}"
    else:
        families = ", ".join(sorted({re.sub(r"[0-9]+$", "", k) for k in known}))
        where = f"installed rule families: {families}; `ropa-check rules` lists them"
    return f"'{code}' matches no installed rule{hint} ({where})"


def check_known(codes: Iterable[str], known: Sequence[str], where: str) -> None:
    """Raise :class:`SelectorError` for the first of ``codes`` that names no rule in ``known``."""
    for code in codes:
        problem = unknown(code, known)
        if problem is not None:
            raise SelectorError(f"{where}: {problem}")


def match(code: str, selectors: Iterable[str]) -> int:
    """How specifically ``selectors`` match ``code``: the longest matching prefix's length, 0 for ``ALL``, -1 for none.

    The one matcher: selection, per-file ignores, severity overrides and waivers all use it.
    """
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def is_selected(code: str, select: Sequence[str] = ("ALL",), ignore: Sequence[str] = ()) -> bool:
    chosen = match(code, select or ("ALL",))
    return chosen >= 0 and chosen > match(code, ignore)


def selected_rules(rules: Sequence[RegisteredRule], options: Options) -> list[RegisteredRule]:
    """The rules ``options`` select from the installed ``rules``.

    Every selector in the options (select, extend-select, ignore, per-file
    ignores, severity overrides) must name an installed rule, and the selection
    must leave at least one rule that checks a record. Raises :class:`SelectorError`.
    """
    from ropa_check.rule import UNCALLED_SCOPES

    known = [r.rule.code for r in rules]
    check_known(options.select, known, f"select ({options.source('select')})")
    check_known(options.extend_select, known, f"extend-select ({options.source('extend_select')})")
    check_known(options.ignore, known, f"ignore ({options.source('ignore')})")
    for glob, codes in options.per_file_ignores:
        check_known(codes, known, f"per-file-ignores '{glob}' ({options.source('per_file_ignores')})")
    check_known(options.severity, known, f"severity ({options.source('severity')})")
    chosen = [r for r in rules if is_selected(r.rule.code, options.selectors, options.ignore)]
    if not any(r.rule.scope not in UNCALLED_SCOPES for r in chosen):
        raise SelectorError(
            f"select {list(options.selectors)} with ignore {list(options.ignore)} leaves no rule to run "
            "(input errors RPA0xx are reported whatever is selected); nothing would be checked"
        )
    return chosen


__all__ = [
    "SelectorError",
    "check_known",
    "is_selected",
    "is_selector",
    "match",
    "parse",
    "selected_rules",
    "unknown",
]
