"""The plugin manager: built-in rules and third-party packs load the same way.

``ROPA_CHECK_DISABLED_PLUGINS=a,b`` blocks plugins by name and
``ROPA_CHECK_TRACE_PLUGINS=1`` prints every hook call to stderr.

Plugin code is someone else's code running inside a gate, so every call into
it is guarded (:func:`guarded`): whatever it raises, ``SystemExit`` included,
is that plugin's failure, named (only ``KeyboardInterrupt`` passes, as the
user's interrupt); what it prints goes to stderr, named, never into a report;
and a call that outlasts the ``plugin-timeout`` is stopped. The time budget
uses ``SIGALRM`` (``signal.setitimer``), so it holds on POSIX systems, in the
main thread, when nothing else uses that signal; elsewhere (Windows, a run in
another thread, a host such as pytest-timeout that owns ``SIGALRM``) plugin
calls run without one. Code that never returns to the interpreter (a C
extension stuck in a loop) cannot be stopped this way either.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import pluggy

from ropa_check import hookspecs
from ropa_check.entry_points import EntryPoint
from ropa_check.entry_points import entry_points as installed
from ropa_check.options import PLUGIN_TIMEOUT
from ropa_check.plugin_errors import PluginError as PluginError  # re-exported: the public name
from ropa_check.rule import RULES_DOC_URL, Rule

if TYPE_CHECKING:
    from types import CodeType, FrameType

    from ropa_check.options import Options

T = TypeVar("T")

#: Built-in plugins, registered by module path like datasette's DEFAULT_PLUGINS.
DEFAULT_PLUGINS = ("ropa_check.input_plugin", "ropa_check.rules.core")


class PluginTimeout(BaseException):
    """A call into a plugin outlasted the time budget.

    Not an :class:`Exception`, so that the plugin's own ``except Exception``
    does not swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def failure(exc: BaseException) -> str:
    """What plugin code did, for a message: ``raised ValueError: x``, ``called sys.exit(0)``, ``ran longer than``."""
    if isinstance(exc, PluginTimeout):
        return f"ran longer than {exc.seconds:g} s (the plugin-timeout setting)"
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r})"
    text = str(exc).splitlines()[0] if str(exc).strip() else ""
    return f"raised {type(exc).__name__}: {text}" if text else f"raised {type(exc).__name__}"


def call(plugin: str, what: str, function: Callable[..., T], *args: Any) -> T:
    """Call plugin code: anything it raises but an interrupt is a :class:`PluginError` naming ``plugin``.

    ``what`` says what it was asked for (``list its rules``). This frame marks
    a call into ``plugin`` for the time budget and for what it prints (see
    :func:`guarded`).
    """
    try:
        return function(*args)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit, PluginTimeout and anything else a plugin may raise
        raise PluginError(f"plugin '{plugin}' failed to {what}: it {failure(exc)}") from exc


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, remembering the entry point each installed pack came from."""

    def __init__(self) -> None:
        super().__init__(hookspecs.NAME)
        self.entry_points: dict[str, EntryPoint] = {}

    def load_entry_points(self, found: Iterable[EntryPoint]) -> None:
        """Register each of the ``ropa_check`` entry points ``found`` not blocked or registered already.

        ``pluggy.PluginManager.load_setuptools_entrypoints`` without its second
        scan of the installed distributions: the caller has them already.
        """
        for ep in found:
            if self.get_plugin(ep.name) or self.is_blocked(ep.name):
                continue
            module = call(ep.name, f"load ({ep.value})", ep.load)
            try:
                self.register(module, name=ep.name)
            except (ValueError, pluggy.PluginValidationError) as exc:
                raise PluginError(f"plugin '{ep.name}' cannot be registered: {exc}") from exc
            self.entry_points[ep.name] = ep


@dataclass(frozen=True)
class RegisteredRule:
    """A rule and the plugin that provides it."""

    rule: Rule
    plugin: str
    #: National provisions other plugins add to this rule's references, by controller country.
    national_references: Callable[[str, str | None], Sequence[str]] | None = None
    #: Whether the rule ships with ropa-check (its documentation is docs/rules.md).
    built_in: bool = False

    @property
    def url(self) -> str | None:
        """The rule's documentation: its own ``url``, else its anchor in docs/rules.md for a built-in rule."""
        if self.rule.url is not None:
            return self.rule.url
        return f"{RULES_DOC_URL}#{self.rule.code.lower()}" if self.built_in else None


@dataclass(frozen=True)
class Plugins:
    """What the loaded plugins provide: every installed rule and the extra vocabularies."""

    manager: PluginManager
    rules: list[RegisteredRule]
    vocabularies: list[Mapping[str, Mapping[str, str]]]

    @property
    def codes(self) -> list[str]:
        """Every installed rule's code: what waivers and selectors may name, whichever rules run."""
        return [r.rule.code for r in self.rules]

    def names(self) -> list[str]:
        """The names of the loaded plugins, sorted."""
        return sorted(name for name, plugin in self.manager.list_name_plugin() if plugin is not None)


def load(options: Options | None = None, *, extra: Sequence[object] = (), entry_points: bool = True) -> Plugins:
    """Load the plugins ``options`` ask for (``packs``, ``plugins``), plus ``extra`` plugin objects.

    The one way the CLI, the pytest plugin and the test fixtures get their rules.
    Raises :class:`PluginError`.
    """
    timeout = options.plugin_timeout if options else PLUGIN_TIMEOUT
    if options is not None and options.policies:
        # The organisation's YAML policies are one more rule pack, registered like any other.
        from ropa_check.policies import load_pack

        extra = [*extra, load_pack(options.policies)]
    with guarded(timeout):
        pm = get_plugin_manager(
            entry_points=entry_points,
            blocked=options.plugins if options else (),
            packs=options.packs if options else None,
            timeout=timeout,
        )
        for plugin in extra:
            # An installed pack passed again (to be explicit in a test) is already there: not a clash.
            if pm.is_registered(plugin):
                continue
            try:
                pm.register(plugin)
                pm.check_pending()
            except (ValueError, pluggy.PluginValidationError) as exc:
                raise PluginError(f"cannot register plugin {plugin!r}: {exc}") from exc
        return Plugins(pm, collect_rules(pm), collect_vocabularies(pm))


def get_plugin_manager(
    *,
    entry_points: bool = True,
    blocked: Sequence[str] = (),
    packs: Sequence[str] | None = None,
    timeout: float = PLUGIN_TIMEOUT,
) -> PluginManager:
    """Create the manager: hookspecs, built-ins, then the ``ropa_check`` entry points.

    ``blocked`` names plugins not to load (config ``plugins``, ``--disable-plugin``);
    ``packs``, when given, names the only entry-point packs to load (config ``packs``);
    ``timeout`` bounds each plugin's import (see :func:`guarded`).
    """
    pm = PluginManager()
    pm.add_hookspecs(hookspecs)
    for name in [*os.environ.get("ROPA_CHECK_DISABLED_PLUGINS", "").split(","), *blocked]:
        if name.strip():
            pm.set_blocked(name.strip())
    found: list[EntryPoint] = []
    if entry_points:
        # Distributions shadow later ones of the same name on sys.path, as importlib.metadata resolves them.
        found = installed(hookspecs.NAME)
    if packs is not None and entry_points:
        names = sorted({ep.name for ep in found})
        unknown = sorted(set(packs) - set(names))
        if unknown:
            raise PluginError(f"pack '{unknown[0]}' is not installed; installed packs: {', '.join(names) or 'none'}")
        for name in names:
            if name not in packs:
                pm.set_blocked(name)
    for module_name in DEFAULT_PLUGINS:
        if not pm.is_blocked(module_name):
            pm.register(importlib.import_module(module_name), module_name)
    with guarded(timeout):
        pm.load_entry_points(found)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from exc
    if os.environ.get("ROPA_CHECK_TRACE_PLUGINS"):
        pm.add_hookcall_monitoring(_trace_before, _trace_after)
    return pm


def collect_rules(pm: pluggy.PluginManager) -> list[RegisteredRule]:
    """Every registered rule, in code order. Two rules with one code is an error."""
    by_code: dict[str, RegisteredRule] = {}
    national = NationalReferences(pm)
    for impl in pm.hook.ropa_check_rules.get_hookimpls():
        rules = _hook("ropa_check_rules", impl, "list its rules", _listed, impl.function)
        for item in rules:
            if not isinstance(item, Rule):
                raise PluginError(
                    f"plugin '{impl.plugin_name}' returned {item!r} from ropa_check_rules, not a Rule "
                    "(decorate the check function with @ropa_check.rule)"
                )
            if item.code in by_code:
                other = by_code[item.code].plugin
                raise PluginError(
                    f"rule code {item.code} is registered twice: by plugin '{other}' and by plugin "
                    f"'{impl.plugin_name}'; rule codes must be unique"
                )
            module = str(getattr(impl.plugin, "__name__", ""))
            built_in = module == "ropa_check" or module.startswith("ropa_check.")
            by_code[item.code] = RegisteredRule(item, impl.plugin_name, national, built_in)
    return [by_code[code] for code in sorted(by_code)]


def _hook(name: str, impl: pluggy.HookImpl, what: str, function: Callable[..., T], *args: Any) -> T:
    """One plugin's implementation of the hook ``name``, through :func:`call`; traced when asked.

    Hooks are called one implementation at a time, to name the one that fails,
    so pluggy's own call monitoring does not see them: ``ROPA_CHECK_TRACE_PLUGINS``
    is honoured here.
    """
    if not os.environ.get("ROPA_CHECK_TRACE_PLUGINS"):
        return call(impl.plugin_name, what, function, *args)
    print(f"[ropa-check trace] {name}({', '.join(impl.argnames)}) -> {impl.plugin_name}", file=sys.stderr)
    try:
        return call(impl.plugin_name, what, function, *args)
    finally:
        print(f"[ropa-check trace] {name} done", file=sys.stderr)


def _listed(function: Callable[[], object]) -> list[object]:
    return list(cast(Iterable[object], function()))


class NationalReferences:
    """The ``ropa_check_national_references`` hook, asked one plugin at a time, so that a failing one is named.

    Called as ``references(code, country)``, it raises a :class:`PluginError`
    naming the first plugin that fails; :meth:`collect` returns the failures
    beside the references of the others (the engine reports each failing
    plugin once and asks it no more).
    """

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self._impls = pm.hook.ropa_check_national_references.get_hookimpls()

    def __call__(self, code: str, country: str | None) -> Sequence[str]:
        references, failures = self.collect(code, country)
        if failures:
            raise failures[0][1]
        return references

    def collect(
        self, code: str, country: str | None, skip: Iterable[str] = ()
    ) -> tuple[list[str], list[tuple[str, PluginError]]]:
        """The references the plugins not in ``skip`` cite with ``code``, and (plugin, error) for each that failed."""
        given = {"code": code, "country": country}
        references: list[str] = []
        failures: list[tuple[str, PluginError]] = []
        skipped = set(skip)
        # pluggy calls the last registered first; so do we, so that the order of references stays as it was.
        for impl in reversed(self._impls):
            if impl.plugin_name in skipped:
                continue
            function, args = impl.function, [given[name] for name in impl.argnames]
            what = f"give the national references for {code} (ropa_check_national_references)"
            try:
                found = _hook("ropa_check_national_references", impl, what, function, *args)
                if found is not None and (
                    isinstance(found, str)
                    or not isinstance(found, Sequence)
                    or not all(isinstance(ref, str) for ref in found)
                ):
                    raise PluginError(
                        f"plugin '{impl.plugin_name}' returned {_shown(found)} from ropa_check_national_references "
                        f"for {code}, not a list of references"
                    )
            except PluginError as exc:
                failures.append((impl.plugin_name, exc))
                continue
            references.extend(found or ())
        return references, failures


def collect_vocabularies(pm: pluggy.PluginManager) -> list[Mapping[str, Mapping[str, str]]]:
    """Each plugin's vocabulary tags; a plugin that returns something else is a :class:`PluginError`."""
    out: list[Mapping[str, Mapping[str, str]]] = []
    for impl in pm.hook.ropa_check_vocabularies.get_hookimpls():
        found: object = _hook("ropa_check_vocabularies", impl, "list its vocabularies", impl.function)
        # Looking into what it returned runs its code too (a Mapping of its own): guarded the same way.
        if not call(impl.plugin_name, "list its vocabularies", _is_vocabulary, found):
            raise PluginError(
                f"plugin '{impl.plugin_name}' returned {_shown(found)} from ropa_check_vocabularies, not a mapping "
                "of vocabulary name (purpose, data_subject, data_category) to {tag: description}"
            )
        out.append(cast(Mapping[str, Mapping[str, str]], found))
    return out


def _is_vocabulary(found: object) -> bool:
    from ropa_check.vocabularies import NAMES

    return isinstance(found, Mapping) and all(
        name in NAMES
        and isinstance(tags, Mapping)
        and all(isinstance(t, str) and isinstance(d, str) for t, d in tags.items())
        for name, tags in found.items()
    )


# ------------------------------------------------------------ guarding calls

#: The frames of calls into plugin code, by their code object, and how to name what runs in one: the
#: watchdog stops the innermost such call, and what plugin code prints is named after it.
_CALLS: dict[CodeType, Callable[[FrameType], str]] = {}


def mark_calls(code: CodeType, describe: Callable[[FrameType], str]) -> None:
    """Make the frames of ``code`` mark calls into plugin code, named by ``describe(frame)``.

    The engine marks its rule calls this way, at no cost per call: the frames
    are only looked at when the watchdog ticks or a plugin prints.
    """
    _CALLS[code] = describe


mark_calls(call.__code__, lambda frame: f"plugin '{frame.f_locals.get('plugin', '?')}'")


def _innermost_call(frame: FrameType | None) -> FrameType | None:
    while frame is not None and frame.f_code not in _CALLS:
        frame = frame.f_back
    return frame


def _describe(frame: FrameType | None) -> str:
    if frame is None:
        return "plugin code"
    try:
        return _CALLS[frame.f_code](frame)
    except Exception:  # naming must never fail
        return "plugin code"


class _Watchdog:
    """The ``SIGALRM`` handler: stops the call into a plugin that has run longer than ``seconds``.

    It ticks a few times per budget and looks at which call into plugin code
    the main thread is in (the innermost marked frame). The same frame at
    ticks ``seconds`` apart is a call that has run at least that long: it
    raises :class:`PluginTimeout` there, where the call is caught and named.
    A call that swallows the stop and runs a second budget longer ends the
    run (exit status 2, naming it): a gate must not hang.
    """

    def __init__(self, seconds: float, err: IO[str]) -> None:
        self.seconds = seconds
        self.tick = min(1.0, seconds / 4)
        self.err = err
        self.frame: FrameType | None = None
        self.since = 0.0
        self.stops = 0

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        current = _innermost_call(frame)
        now = time.monotonic()
        if current is None or current is not self.frame:
            self.frame, self.since, self.stops = current, now, 0
            return
        if now - self.since < self.seconds * (self.stops + 1):
            return
        self.stops += 1
        if self.stops > 1:
            self.err.write(
                f"ropa-check: error: {_describe(current)} ignored being stopped after {self.seconds:g} s (the "
                f"plugin-timeout setting) and is still running {now - self.since:.0f} s after it started; the "
                "check is abandoned\n"
            )
            self.err.flush()
            os._exit(2)  # the exit status of a plugin failure (cli.EXIT_INPUT)
        raise PluginTimeout(self.seconds)


#: Control characters in what plugins print are shown escaped, as in every other line ropa-check writes.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
#: At most this many lines of what plugins print are shown in one run.
_SHOWN_LINES = 100


class _CapturedStdout(io.TextIOBase):
    """``sys.stdout`` while plugin code runs: what it prints goes to stderr, named, never into a report."""

    def __init__(self, err: IO[str]) -> None:
        super().__init__()
        self.err = err
        self.partial: dict[str, str] = {}
        self.shown = 0
        self.hidden = 0

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        who = _describe(_innermost_call(sys._getframe(1)))
        lines = (self.partial.pop(who, "") + text).split("\n")
        if lines[-1]:
            self.partial[who] = lines[-1]
        for line in lines[:-1]:
            self._show(who, line)
        return len(text)

    def _show(self, who: str, line: str, how: str = "printed") -> None:
        if self.shown >= _SHOWN_LINES:
            self.hidden += 1
            return
        self.shown += 1
        line = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), line)
        self.err.write(f"ropa-check: {who} {how}: {line}\n")

    def finish(self, written: _CapturedFd | None = None) -> None:
        """Show the lines not shown yet, and what was ``written`` to the file descriptor."""
        for who, line in self.partial.items():
            self._show(who, line)
        self.partial.clear()
        if written is not None:
            for line in written.lines:
                self._show("plugin code", line, "wrote to standard output (file descriptor 1)")
            self.hidden += written.hidden
        if self.hidden:
            self.err.write(f"ropa-check: {self.hidden} more lines that plugins printed are not shown\n")
        self.err.flush()


_guarding = False


@contextlib.contextmanager
def guarded(seconds: float | None = PLUGIN_TIMEOUT) -> Iterator[None]:
    """Run plugin code inside: what it prints goes to stderr, and a call that runs over ``seconds`` is stopped.

    A call is stopped by raising :class:`PluginTimeout` in it, which
    :func:`call` (and the engine, for a rule) turns into that plugin's failure.
    ``seconds`` None or 0: no time budget. Nested uses share the outer one.
    Both ``sys.stdout`` and file descriptor 1 are redirected: what plugin code
    writes to the descriptor itself (``os.write(1, ...)``, a C extension, a
    child process) is shown on stderr after the phase (see :class:`_CapturedFd`).
    Both guards are the main thread's: ``sys.stdout`` and ``SIGALRM`` belong to
    the whole process, so a check run in another thread runs plugins unguarded.
    """
    global _guarding
    if _guarding or threading.current_thread() is not threading.main_thread():
        yield
        return
    _guarding = True
    err = sys.stderr
    stdout, captured = sys.stdout, _CapturedStdout(err)
    written = _CapturedFd.start(stdout)
    watchdog = _arm(seconds, err) if seconds else None
    sys.stdout = captured
    try:
        yield
    finally:
        sys.stdout = stdout
        if watchdog is not None:
            _disarm()
        if written is not None:
            written.stop(stdout)
        _guarding = False
        captured.finish(written)


class _CapturedFd:
    """File descriptor 1 while plugin code runs: a pipe that a thread drains, keeping the first lines.

    ``sys.stdout`` is not the only way to standard output: ``os.write(1, ...)``,
    C extensions and child processes write to the file descriptor, which would
    land in a JSON or SARIF report on stdout. It is pointed at a pipe for the
    whole guarded phase (plugin loading, the rules' run), not per call: a pipe,
    two ``dup2`` and a thread cost about 0.1 ms, some 40 ms per run at one swap
    per rule call (benchmarks/RESULTS.md). So what is written this way is shown
    after the phase, as plugin code's, without the rule that wrote it. A thread
    drains the pipe, so a plugin that floods it neither blocks nor fills memory
    or disk: lines past the ones shown are only counted.
    """

    #: How long to wait for the pipe to end once the phase is over: a child process a plugin left
    #: running may hold it open, and must not hold up the check.
    _JOIN_SECONDS = 0.5
    _LINE_CHARS = 2000

    def __init__(self, saved: int, read_end: int) -> None:
        self.saved = saved
        self.read_end = read_end
        self.lines: list[str] = []
        self.hidden = 0
        self.thread = threading.Thread(target=self._drain, name="ropa-check stdout capture", daemon=True)

    @classmethod
    def start(cls, stdout: IO[str]) -> _CapturedFd | None:
        """Point file descriptor 1 at a new pipe; None (nothing captured) where there is no descriptor 1."""
        for stream in (stdout, sys.__stdout__):  # what was written before the phase belongs before it
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.flush()
        try:
            saved = os.dup(1)
        except OSError:  # standard output closed: nothing for plugin code to write into either
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            os.close(saved)
            return None
        try:
            os.dup2(write_end, 1)
        except OSError:
            for fd in (saved, read_end):
                os.close(fd)
            return None
        finally:
            os.close(write_end)
        captured = cls(saved, read_end)
        captured.thread.start()
        return captured

    def stop(self, stdout: IO[str]) -> None:
        """Give file descriptor 1 back, once what plugin code buffered in ``stdout`` is in the pipe."""
        for stream in (stdout, sys.__stdout__):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.flush()
        os.dup2(self.saved, 1)
        os.close(self.saved)
        self.thread.join(self._JOIN_SECONDS)

    def _drain(self) -> None:
        partial, skipping = b"", False
        try:
            while chunk := os.read(self.read_end, 65536):
                *complete, rest = chunk.split(b"\n")
                for i, piece in enumerate(complete):
                    if i == 0:
                        if skipping:  # the end of a line already shown cut
                            skipping = False
                            continue
                        piece, partial = partial + piece, b""
                    self._keep(piece)
                if skipping:
                    continue
                partial += rest
                if len(partial) > self._LINE_CHARS:  # a flood without line breaks: shown cut, the rest skipped
                    self._keep(partial)
                    partial, skipping = b"", True
            if partial:
                self._keep(partial)
        except OSError:
            pass
        finally:
            os.close(self.read_end)

    def _keep(self, line: bytes) -> None:
        if len(self.lines) >= _SHOWN_LINES:
            self.hidden += 1
            return
        text = line[: self._LINE_CHARS].decode("utf-8", "backslashreplace")
        self.lines.append(text + ("..." if len(line) > self._LINE_CHARS else ""))


def _arm(seconds: float, err: IO[str]) -> _Watchdog | None:
    """Install the watchdog, when ``SIGALRM`` is there and nobody else uses it; None when it cannot be."""
    if not hasattr(signal, "setitimer"):  # Windows
        return None
    if signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return None  # someone else's alarm (pytest-timeout, an embedding program): leave it alone
    watchdog = _Watchdog(seconds, err)
    try:
        signal.signal(signal.SIGALRM, watchdog)
    except ValueError:  # not the main thread
        return None
    signal.setitimer(signal.ITIMER_REAL, watchdog.tick, watchdog.tick)
    return watchdog


def _disarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _shown(value: object, limit: int = 200) -> str:
    """``repr(value)`` for a message: cut to ``limit`` characters (a plugin may return anything)."""
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ is the plugin's too
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def plugin_versions(pm: PluginManager) -> list[tuple[str, str, str]]:
    """(plugin name, distribution, version) of each plugin installed through an entry point."""
    return [(name, *ep.distribution()) for name, ep in pm.entry_points.items()]


def _trace_before(hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    names = ", ".join(impl.plugin_name for impl in impls)
    print(f"[ropa-check trace] {hook_name}({', '.join(kwargs)}) -> {names}", file=sys.stderr)


def _trace_after(outcome: Any, hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    print(f"[ropa-check trace] {hook_name} done", file=sys.stderr)
