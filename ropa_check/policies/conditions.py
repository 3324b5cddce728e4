"""The condition language of ``when``, compiled to functions once, when a policy is loaded.

A condition is ``all: [...]``, ``any: [...]``, ``none: [...]`` or a test of one
field: ``{field: PATH, OPERATOR: VALUE}``. A path reads to a list of values
(:mod:`ropa_check.policies.fields`); a test holds when *some* value passes it, so
a field with no value passes nothing but ``exists: false``. "Every value" is
written with ``none`` around the opposite test.

Everything a test could get wrong is checked here, at load time, against the
field's kind: an enum value the format does not allow, a tag in no vocabulary,
a duration that is not ISO 8601, a regular expression that does not compile.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa_check.paths import Path
from ropa_check.policies.fields import Field, PathError, PolicyScope, reader, resolve

#: Operators, with the kinds of field each applies to (None: any leaf).
OPERATORS: Mapping[str, frozenset[str] | None] = {
    "equals": None,
    "not_equals": None,
    "in": None,
    "not_in": None,
    "exists": None,
    "has": frozenset({"tag"}),
    "has_all": frozenset({"tag"}),
    "matches": frozenset({"text", "country", "enum", "tag", "date", "duration"}),
    "at_most": frozenset({"number", "duration", "date"}),
    "at_least": frozenset({"number", "duration", "date"}),
    "below": frozenset({"number", "duration", "date"}),
    "above": frozenset({"number", "duration", "date"}),
}
COMBINATORS = ("all", "any", "none")
#: Country groups an ``equals``/``in``/``not_in`` test on a country field may name.
COUNTRY_GROUPS = ("EEA", "ADEQUATE")

_DURATION = re.compile(
    r"^P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)
# A year is the Gregorian mean and a month a twelfth of it, so P12M equals P1Y and P1Y exceeds P365D.
_DAYS = {"Y": 365.2425, "M": 365.2425 / 12, "W": 7.0, "D": 1.0, "h": 1 / 24, "m": 1 / 1440, "s": 1 / 86400}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def duration_days(text: str) -> float | None:
    """An ISO 8601 duration in days (None if ``text`` is not one)."""
    m = _DURATION.match(text)
    if m is None or text in ("P", "PT") or text.endswith("T"):
        return None
    return sum(int(v) * _DAYS[k] for k, v in m.groupdict().items() if v is not None)


class ConditionError(ValueError):
    """A condition is wrong; ``path`` is where in the policy file."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


#: A compiled condition: (item, record, reads) -> whether it holds.
Test = Callable[[Any, Any, "Reads"], bool]


class Reads:
    """Values read from the items of one engine call, shared by every policy that reads the same path."""

    __slots__ = ("item", "values")

    def __init__(self) -> None:
        self.item: object = None
        #: Values by path id: the list a path reads to (or, for tags, the set with their parents).
        self.values: dict[int, Any] = {}

    def begin(self, item: object) -> None:
        """Start on the next item: what was read from the last one is forgotten."""
        if item is not self.item:
            self.item = item
            self.values = {}


@dataclass
class Compiled:
    """A compiled condition and what it needs checked against each record's vocabularies."""

    test: Test
    #: (tag, vocabulary, where in the policy file) of tags not in the shipped vocabularies.
    project_tags: list[tuple[str, str, Path]] = field(default_factory=list)
    #: The same condition as a Python expression over ``item``, ``record`` and the read values ``v<key>``,
    #: with its constants in :attr:`Compiler.namespace` (see :func:`evaluator_source`).
    expr: str = "True"
    #: The keys of the values ``expr`` reads.
    keys: set[int] = field(default_factory=set)


class Compiler:
    """Compiles the conditions of one policy pack; paths read once per item whatever the number of policies."""

    def __init__(self, known_tags: Mapping[str, Sequence[str]], groups: Mapping[str, frozenset[str]]) -> None:
        self.known_tags = known_tags
        self.groups = groups
        self.path_ids: dict[tuple[str, str], int] = {}
        #: What the expressions of :attr:`Compiled.expr` name: readers ``R<key>``, constants ``C<n>``.
        #: Policy text is never in an expression's source, only here, under names of ropa-check's making.
        self.namespace: dict[str, Any] = {"U": UNSET, "WP": _with_parents}

    def _constant(self, value: Any) -> str:
        name = f"C{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def _read_expr(self, key: int, read: Callable[[Any, Any], list[Any]], out: Compiled) -> str:
        self.namespace[f"R{key}"] = read
        out.keys.add(key)
        return f"(v{key} if v{key} is not U else (v{key} := R{key}(item, record)))"

    def compile(self, scope: PolicyScope, node: Any, at: Path) -> Compiled:
        """Compile ``node`` (the value of ``when``, at ``at`` in the policy file) for a policy of ``scope``."""
        out = Compiled(lambda item, record, reads: True)
        out.test, out.expr = self._node(scope, node, at, out)
        return out

    def _node(self, scope: PolicyScope, node: Any, at: Path, out: Compiled) -> tuple[Test, str]:
        if not isinstance(node, dict):
            raise ConditionError("a condition is a mapping: all, any, none, or field with an operator", at)
        combinator = [k for k in COMBINATORS if k in node]
        if combinator:
            if len(node) != 1:
                raise ConditionError(f"'{combinator[0]}' stands alone in its mapping; nest the other keys", at)
            name = combinator[0]
            parts = node[name]
            if not isinstance(parts, list) or not parts:
                raise ConditionError(f"'{name}' takes a non-empty list of conditions", (*at, name))
            compiled = [self._node(scope, p, (*at, name, i), out) for i, p in enumerate(parts)]
            tests = tuple(t for t, _ in compiled)
            joined = (" and " if name == "all" else " or ").join(e for _, e in compiled)
            return _combine(name, tests), f"(not ({joined}))" if name == "none" else f"({joined})"
        return self._atom(scope, node, at, out)

    def _atom(self, scope: PolicyScope, node: dict[str, Any], at: Path, out: Compiled) -> tuple[Test, str]:
        path = node.get("field")
        if not isinstance(path, str):
            raise ConditionError("a test names its `field` (a path such as retention.duration)", at)
        ops = [k for k in node if k != "field"]
        if len(ops) != 1 or ops[0] not in OPERATORS:
            raise ConditionError(f"a test has one operator of: {', '.join(OPERATORS)}", at)
        op = ops[0]
        value = node[op]
        try:
            steps, last = resolve(scope, path)
        except PathError as exc:
            raise ConditionError(str(exc), (*at, "field")) from None
        where = (*at, op)
        read = reader(steps)
        key = self.path_ids.setdefault((scope, path), len(self.path_ids))

        values = self._read_expr(key, read, out)
        # Each test reads its values through the shared cache inline: a call less per test, and tests are
        # what a policy set is made of. `cached` is the cache's own dict.get.
        if op == "exists":
            if not isinstance(value, bool):
                raise ConditionError("exists is true or false", where)
            want = value

            def exists(item: Any, record: Any, reads: Reads) -> bool:
                found = reads.values.get(key)
                if found is None:
                    found = reads.values[key] = read(item, record)
                return bool(found) is want

            return exists, f"(bool({values}) is {want!r})"
        if last.kind is None:
            raise ConditionError(
                f"'{path}' is a mapping or list of mappings: only `exists` tests it; name one of its fields", where
            )
        allowed = OPERATORS[op]
        if allowed is not None and last.kind not in allowed:
            raise ConditionError(f"'{op}' does not apply to '{path}', a {last.kind} field", where)
        if op in ("has", "has_all"):
            wanted = frozenset(self._tags(value, last, where, out))
            # Hierarchy: each tag read counts as itself and as the tags above it (`special_category:health`
            # is also `special_category`), cached under a key of its own.
            tags_key = self.path_ids.setdefault((scope, path + "+"), len(self.path_ids))

            def expanded(item: Any, record: Any, reads: Reads) -> frozenset[str]:
                found = reads.values.get(tags_key)
                if found is None:
                    raw = reads.values.get(key)
                    if raw is None:
                        raw = reads.values[key] = read(item, record)
                    found = reads.values[tags_key] = _with_parents(raw)
                return found

            out.keys.add(tags_key)
            tags = f"(v{tags_key} if v{tags_key} is not U else (v{tags_key} := WP({values})))"
            name = self._constant(wanted)
            if op == "has":
                return (
                    lambda item, record, reads: not wanted.isdisjoint(expanded(item, record, reads)),
                    f"(not {name}.isdisjoint({tags}))",
                )
            return lambda item, record, reads: wanted <= expanded(item, record, reads), f"({name} <= {tags})"
        if op in ("equals", "in", "not_equals", "not_in"):
            if op in ("in", "not_in") and (not isinstance(value, list) or not value):
                raise ConditionError(f"'{op}' takes a non-empty list of values", where)
            accepted = self._members(
                value if op in ("in", "not_in") else [value],
                f=last,
                path=path,
                where=where,
                single=op in ("equals", "not_equals"),
            )
            # Set operations in C: these are most of the tests a policy set makes.
            positive = op in ("equals", "in")
            name = self._constant(accepted)
            expr = f"(not {name}.isdisjoint({values}))" if positive else f"(not {name}.issuperset({values}))"

            def member(item: Any, record: Any, reads: Reads) -> bool:
                found = reads.values.get(key)
                if found is None:
                    found = reads.values[key] = read(item, record)
                return not accepted.isdisjoint(found) if positive else not accepted.issuperset(found)

            return member, expr
        predicate = self._predicate(op, value, last, path, where, out)

        def some(item: Any, record: Any, reads: Reads) -> bool:
            found = reads.values.get(key)
            if found is None:
                found = reads.values[key] = read(item, record)
            return any(map(predicate, found))

        if op == "matches" and last.kind in ("text", "country", "enum", "tag", "duration"):
            # Text values: the pattern's own fullmatch, called from C, is the predicate (a match is truthy).
            return some, f"any(map({self._constant(re.compile(value).fullmatch)}, {values}))"
        return some, f"any(map({self._constant(predicate)}, {values}))"

    def _predicate(self, op: str, value: Any, f: Field, path: str, where: Path, out: Compiled) -> Callable[[Any], bool]:
        if op == "matches":
            if not isinstance(value, str):
                raise ConditionError("'matches' takes a regular expression (Python syntax, whole value)", where)
            try:
                pattern = re.compile(value)
            except re.error as exc:
                raise ConditionError(f"'matches' is not a regular expression: {exc}", where) from None
            return lambda v: pattern.fullmatch(str(v)) is not None
        return self._compare(op, value, f, path, where)

    def _compare(self, op: str, value: Any, f: Field, path: str, where: Path) -> Callable[[Any], bool]:
        bound: Any
        convert: Callable[[Any], Any]
        if f.kind == "duration":
            days = duration_days(value) if isinstance(value, str) else None
            if days is None:
                raise ConditionError(f"'{path}' is a duration: compare it with one such as P2Y, P6M, P30D", where)
            bound, convert = days, _days_or_none
        elif f.kind == "date":
            if not _is_date(value):
                raise ConditionError(f"'{path}' is a date: compare it with one written YYYY-MM-DD", where)
            bound, convert = value, _iso
        else:
            # NaN compares false with everything and nothing passes infinity: either bound would match nothing.
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                raise ConditionError(f"'{path}' is a number: compare it with a finite number", where)
            bound, convert = value, _number
        compare: Callable[[Any, Any], bool] = {
            "at_most": lambda a, b: a <= b,
            "at_least": lambda a, b: a >= b,
            "below": lambda a, b: a < b,
            "above": lambda a, b: a > b,
        }[op]

        def test(v: Any) -> bool:
            c = convert(v)
            return c is not None and compare(c, bound)

        return test

    def _members(self, values: list[Any], *, f: Field, path: str, where: Path, single: bool) -> frozenset[Any]:
        out: set[Any] = set()
        for i, value in enumerate(values):
            here = where if single else (*where, i)
            if isinstance(value, list | dict):
                raise ConditionError("compare with a single value (use `in` for a list)", here)
            if f.kind == "country" and value in self.groups:
                out |= self.groups[value]
                continue
            if f.kind == "bool" and not isinstance(value, bool):
                raise ConditionError(f"'{path}' is true or false, not {value!r}", here)
            if f.kind == "number" and (not isinstance(value, int) or isinstance(value, bool)):
                raise ConditionError(f"'{path}' is a number, not {value!r}", here)
            if f.kind in ("text", "enum", "country", "tag", "date", "duration") and not isinstance(value, str):
                raise ConditionError(f"'{path}' is text: write {value!r} in quotes", here)
            if f.kind == "enum" and value not in f.values:
                from ropa_check.suggest import did_you_mean

                hint = did_you_mean(value, f.values) or f" (one of: {', '.join(f.values)})"
                raise ConditionError(f"'{value}' is not a value '{path}' can have{hint}", here)
            if f.kind == "country" and not re.fullmatch(r"[A-Z]{2}|unknown", value):
                raise ConditionError(
                    f"'{value}' is not a country code (ISO 3166-1 alpha-2, 'unknown') or a group "
                    f"({', '.join(COUNTRY_GROUPS)})",
                    here,
                )
            if f.kind == "date" and not _is_date(value):
                raise ConditionError(f"'{value}' is not a date written YYYY-MM-DD", here)
            if f.kind == "duration" and duration_days(value) is None:
                raise ConditionError(f"'{value}' is not an ISO 8601 duration such as P2Y", here)
            out.add(value)
        return frozenset(out)

    def _tags(self, value: Any, f: Field, where: Path, out: Compiled) -> tuple[str, ...]:
        tags = value if isinstance(value, list) else [value]
        if not tags or not all(isinstance(t, str) for t in tags):
            raise ConditionError("'has' and 'has_all' take a tag or a list of tags", where)
        for i, tag in enumerate(tags):
            self._tag(tag, f, (*where, i) if isinstance(value, list) else where, out)
        return tuple(tags)

    def _tag(self, tag: str, f: Field, where: Path, out: Compiled) -> None:
        vocabulary = f.vocabulary or "data_category"
        if not re.fullmatch(r"[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?", tag):
            raise ConditionError(f"'{tag}' is not a tag: lower-case words joined by '_', e.g. 'national_id'", where)
        known = self.known_tags.get(vocabulary, ())
        if tag in known or any(k.startswith(tag + ":") for k in known):
            return
        # Perhaps a project tag (a record's `vocabularies:` block): checked against each record when it runs.
        out.project_tags.append((tag, vocabulary, where))


def _combine(name: str, tests: tuple[Test, ...]) -> Test:
    """``all``, ``any`` or ``none`` of ``tests``; one or two tests (the usual) without a generator."""
    if len(tests) == 1:
        (a,) = tests
        if name == "none":
            return lambda item, record, reads: not a(item, record, reads)
        return a
    if len(tests) == 2:
        a, b = tests
        if name == "all":
            return lambda item, record, reads: a(item, record, reads) and b(item, record, reads)
        if name == "any":
            return lambda item, record, reads: a(item, record, reads) or b(item, record, reads)
        return lambda item, record, reads: not (a(item, record, reads) or b(item, record, reads))

    def every(item: Any, record: Any, reads: Reads) -> bool:
        for t in tests:  # noqa: SIM110 - a loop is faster than all() over a generator, here
            if not t(item, record, reads):
                return False
        return True

    def some(item: Any, record: Any, reads: Reads) -> bool:
        for t in tests:  # noqa: SIM110 - a loop is faster than any() over a generator, here
            if t(item, record, reads):
                return True
        return False

    if name == "all":
        return every
    if name == "any":
        return some
    return lambda item, record, reads: not some(item, record, reads)


class _Unset:
    """A value not read yet, in an evaluator's locals."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def evaluator_source(exprs: Sequence[tuple[str, set[int]]]) -> str:
    """The source of ``run(item, record) -> [indices of the conditions that hold]`` for these expressions.

    One function for all the policies of a scope: the values an item has are its locals, read at most once,
    and a policy whose first test fails costs a comparison, not a call.
    """
    keys = sorted({k for _, used in exprs for k in used})
    lines = ["def run(item, record):"]
    if keys:
        lines.append("    " + " = ".join(f"v{k}" for k in keys) + " = U")
    lines.append("    hits = []")
    for i, (expr, _) in enumerate(exprs):
        lines.append(f"    if {expr}:")
        lines.append(f"        hits.append({i})")
    lines.append("    return hits")
    return "\n".join(lines) + "\n"


def _with_parents(tags: list[Any]) -> frozenset[str]:
    """``tags`` and every tag above one of them in its vocabulary's hierarchy."""
    out = set(tags)
    for tag in tags:
        if ":" in tag:
            out.add(tag.split(":", 1)[0])
    return frozenset(out)


def _days_or_none(v: Any) -> float | None:
    return duration_days(v) if isinstance(v, str) else None


def _is_date(value: Any) -> bool:
    """Whether ``value`` is a day of the calendar written YYYY-MM-DD (compared as text with the record's dates)."""
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _iso(v: Any) -> str | None:
    return v.isoformat() if hasattr(v, "isoformat") else None


def _number(v: Any) -> Any:
    return v if isinstance(v, int | float) and not isinstance(v, bool) else None
