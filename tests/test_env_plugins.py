"""Plugins that misbehave, through the real CLI with really installed plugins (issue 11).

Each plugin here is installed the way a pack is: a module and a ``*.dist-info``
folder with a ``ropa_check`` entry point, found through ``PYTHONPATH``. Whatever
a plugin does (exits, prints, sleeps, floods, returns garbage from a hook), the
run ends with exit status 2 and a one-line message naming the plugin (and the
rule), never a traceback, never "clean", never a hang; Ctrl-C inside plugin
code stays an interrupt (130).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from tests.env_helpers import install, record, rule_source
from tests.helpers import COMPLIANT
from tests.test_hostile import Run, assert_refused, run_cli

#: Short enough to keep the suite fast; the default (10 s) is what no honest plugin comes near.
TIMEOUT = "1"
#: The activities an ``activity`` rule runs on in the installed record (processor activities are not among them).
CONTROLLER_ACTIVITIES = len(yaml.safe_load(COMPLIANT.read_text(encoding="utf-8"))["activities"])


def one_line(run: Run, *parts: str) -> str:
    """The one error line on stderr, which must name every one of ``parts``."""
    errors = [line for line in run.stderr.splitlines() if line.startswith("ropa-check: error:")]
    assert len(errors) == 1, run.stderr
    for part in parts:
        assert part in errors[0], errors[0]
    return errors[0]


def plugin_failures(run: Run) -> list[dict[str, object]]:
    return [f for f in run.findings if f["code"] == "RPA011"]


# ----------------------------------------------------------- sys.exit, Ctrl-C


def test_sys_exit_at_import_is_a_plugin_failure_even_for_a_missing_path(tmp_path: Path) -> None:
    env = install(tmp_path / "site", "exits_at_import", "import sys\nsys.exit(0)\n")
    for args in (["check", "nowhere/x.yaml"], ["check", "."]):
        run = run_cli(*args, cwd=record(tmp_path) if args[1] == "." else tmp_path, env=env)
        assert_refused(run)
        one_line(run, "plugin 'exits_at_import'", "sys.exit(0)")
        assert run.stdout == ""


def test_sys_exit_in_a_rule_is_rpa011_naming_the_plugin_and_rule(tmp_path: Path) -> None:
    env = install(tmp_path / "site", "exits_in_rule", rule_source("EXI001", "sys.exit(0)\nyield 'never'"))
    run = run_cli("check", ".", "--output-format", "json", cwd=record(tmp_path), env=env)
    assert_refused(run)
    failures = plugin_failures(run)
    assert failures, run.stdout
    for f in failures:
        assert "rule EXI001 of plugin 'exits_in_rule' called sys.exit(0)" in str(f["message"])
    # The other rules ran: the report is whole.
    assert json.loads(run.stdout)["summary"]["activities"] >= 3


def test_sys_exit_in_a_hook_is_a_plugin_error(tmp_path: Path) -> None:
    source = """
    import sys
    from ropa_check import hookimpl

    @hookimpl
    def ropa_check_rules():
        sys.exit(3)
    """
    run = run_cli("check", ".", cwd=record(tmp_path), env=install(tmp_path / "site", "exits_in_hook", source))
    assert_refused(run)
    one_line(run, "plugin 'exits_in_hook'", "list its rules", "sys.exit(3)")


def test_keyboard_interrupt_in_a_rule_stays_an_interrupt(tmp_path: Path) -> None:
    env = install(tmp_path / "site", "interrupts", rule_source("INT001", "raise KeyboardInterrupt\nyield 'x'"))
    run = run_cli("check", ".", cwd=record(tmp_path), env=env)
    assert_refused(run, 130)
    assert "ropa-check: interrupted" in run.stderr


# ------------------------------------------------------------- vocabularies


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("raise RuntimeError('no vocabulary today')", "raised RuntimeError: no vocabulary today"),
        ("return [1, 2, 3]", "returned [1, 2, 3] from ropa_check_vocabularies"),
        ('return {"purpose": 5}', "returned {'purpose': 5} from ropa_check_vocabularies"),
        # A mapping of its own whose items() fails: looking into it runs the plugin's code too.
        ('return type("Odd", (dict,), {"items": lambda self: 1 / 0})()', "raised ZeroDivisionError"),
    ],
)
def test_vocabulary_hook_that_fails_is_named(tmp_path: Path, body: str, expected: str) -> None:
    source = f"""
    from ropa_check import hookimpl

    @hookimpl
    def ropa_check_vocabularies():
        {body}
    """
    env = install(tmp_path / "site", "bad_vocabulary", source)
    for command in (["check", "."], ["vocabularies"]):
        run = run_cli(*command, cwd=record(tmp_path), env=env)
        assert_refused(run)
        one_line(run, "plugin 'bad_vocabulary'", expected)


# ------------------------------------------------------------------ output


def test_what_plugins_print_stays_out_of_the_report(tmp_path: Path) -> None:
    source = rule_source(
        "NOI001",
        "print('in a rule', item.id)\nsys.stdout.write('::add-mask::x\\x1b[31m\\n')\nreturn ()",
        extra="print('at import')",
    )
    env = install(tmp_path / "site", "noisy", source)
    run = run_cli("check", ".", "--output-format", "json", cwd=record(tmp_path), env=env)
    report = json.loads(run.stdout)  # nothing but the report on stdout
    assert report["summary"]["activities"] >= 3
    assert "ropa-check: plugin 'noisy' printed: at import" in run.stderr.splitlines()
    assert "ropa-check: rule NOI001 of plugin 'noisy' printed: in a rule" in run.stderr
    # Control characters are shown escaped, and no line starts a workflow command.
    assert "\x1b" not in run.stderr
    assert not any(line.startswith("::") for line in run.stderr.splitlines())


def test_what_plugins_write_to_the_file_descriptor_stays_out_of_the_report(tmp_path: Path) -> None:
    """os.write(1, ...), sys.__stdout__ and a child process bypass sys.stdout: the report stays valid all the same."""
    child = f"subprocess.run([{sys.executable!r}, '-c', 'print(\\'from a child\\')'], check=True)"
    source = rule_source(
        "FDW001",
        "os.write(1, b'os.write in a rule\\n::set-output name=x::1\\n')\n"
        "sys.__stdout__.write('sys.__stdout__ in a rule\\n')\n"
        f"{child}\nreturn ()",
        extra="import os, subprocess\nos.write(1, b'os.write at import\\x1b[31m\\n')",
    )
    env = install(tmp_path / "site", "fdwriter", source)
    for output in (["--output-format", "json"], ["-o", "sarif"]):
        run = run_cli("check", ".", *output, cwd=record(tmp_path), env=env)
        assert run.status == 0, run.stderr
        report = json.loads(run.stdout)  # nothing but the report on stdout
        assert report
        lines = run.stderr.splitlines()
        said = "ropa-check: plugin code wrote to standard output (file descriptor 1): "
        assert said + "os.write at import\\x1b[31m" in lines
        for text in ("os.write in a rule", "sys.__stdout__ in a rule", "from a child", "::set-output name=x::1"):
            assert said + text in lines, run.stderr
        assert not any(line.startswith("::") for line in lines)
        assert "\x1b" not in run.stderr


def test_a_flood_on_the_file_descriptor_is_counted_not_kept(tmp_path: Path) -> None:
    source = rule_source("FLD002", "os.write(1, b'x' * 100_000 + b'\\n' * 50_000)\nreturn ()", extra="import os")
    env = install(tmp_path / "site", "fdflood", source)
    run = run_cli("check", ".", "--output-format", "json", cwd=record(tmp_path), env=env)
    assert run.status == 0, run.stderr
    json.loads(run.stdout)
    said = "ropa-check: plugin code wrote to standard output (file descriptor 1): "
    shown = [line for line in run.stderr.splitlines() if line.startswith(said)]
    assert shown[0] == said + "x" * 2000 + "...", "a long line is shown once, cut"
    assert len(shown) == 100
    # Once per activity: 50,000 lines each (the long one and 49,999 empty ones), the first 100 shown.
    hidden = CONTROLLER_ACTIVITIES * 50_000 - 100
    assert f"ropa-check: {hidden} more lines that plugins printed are not shown" in run.stderr
    assert len(run.stderr) < 20_000


# ------------------------------------------------------ national references


def test_failing_national_references_hook_is_named_once(tmp_path: Path) -> None:
    source = rule_source(
        "NAT001",
        "yield 'a finding whose references the hook is asked for'",
        extra=textwrap.dedent("""
        @hookimpl
        def ropa_check_national_references(code, country):
            raise RuntimeError("no law today")
        """),
    )
    env = install(tmp_path / "site", "lawless", source)
    run = run_cli("check", ".", "--output-format", "json", cwd=record(tmp_path), env=env)
    assert_refused(run)
    (failure,) = plugin_failures(run)
    assert "plugin 'lawless'" in str(failure["message"])
    assert "ropa_check_national_references" in str(failure["message"])
    assert "RuntimeError: no law today" in str(failure["message"])
    assert "ropa_check.rules.core" not in run.stdout
    # The findings keep their own references; the Swedish pack's still come with them.
    assert any(f["code"] == "NAT001" for f in run.findings)


# ------------------------------------------------------------- time limits


def _timed(*args: str, cwd: Path, env: dict[str, str]) -> tuple[Run, float]:
    start = time.perf_counter()
    run = run_cli(*args, cwd=cwd, env=env)
    return run, time.perf_counter() - start


def test_sleep_at_import_is_stopped(tmp_path: Path) -> None:
    env = install(tmp_path / "site", "sleeps_at_import", "import time\ntime.sleep(1000)\n")
    run, seconds = _timed("check", ".", "--plugin-timeout", TIMEOUT, cwd=record(tmp_path), env=env)
    assert_refused(run)
    one_line(run, "plugin 'sleeps_at_import'", "ran longer than 1 s")
    assert seconds < 15


def test_sleep_in_the_rules_hook_is_stopped_by_the_configured_timeout(tmp_path: Path) -> None:
    source = """
    import time
    from ropa_check import hookimpl

    @hookimpl
    def ropa_check_rules():
        time.sleep(1000)
    """
    folder = record(tmp_path)
    (folder / "ropa-check.toml").write_text(f"plugin-timeout = {TIMEOUT}\n", encoding="utf-8")
    run, seconds = _timed("check", ".", cwd=folder, env=install(tmp_path / "site", "sleeps_listing", source))
    assert_refused(run)
    one_line(run, "plugin 'sleeps_listing'", "list its rules", "ran longer than 1 s (the plugin-timeout setting)")
    assert seconds < 15


def test_sleep_in_a_rule_is_stopped_once_and_the_rule_not_run_again(tmp_path: Path) -> None:
    env = install(tmp_path / "site", "sleeps_in_rule", rule_source("SLP001", "time.sleep(1000)\nyield 'x'"))
    run, seconds = _timed(
        "check", ".", "--output-format", "json", "--plugin-timeout", TIMEOUT, cwd=record(tmp_path), env=env
    )
    assert_refused(run)
    (failure,) = plugin_failures(run)
    assert "rule SLP001 of plugin 'sleeps_in_rule' ran longer than 1 s" in str(failure["message"])
    assert "not run on the remaining items" in str(failure["message"])
    assert seconds < 15  # one budget, not one per activity


def test_sleep_in_the_national_references_hook_is_stopped(tmp_path: Path) -> None:
    source = rule_source(
        "NAP001",
        "yield 'x'",
        extra=textwrap.dedent("""
        @hookimpl
        def ropa_check_national_references(code, country):
            time.sleep(1000)
        """),
    )
    env = install(tmp_path / "site", "slow_law", source)
    run, seconds = _timed(
        "check", ".", "--output-format", "json", "--plugin-timeout", TIMEOUT, cwd=record(tmp_path), env=env
    )
    assert_refused(run)
    (failure,) = plugin_failures(run)
    assert "plugin 'slow_law'" in str(failure["message"])
    assert "ran longer than 1 s" in str(failure["message"])
    assert seconds < 15


def test_a_rule_that_swallows_the_stop_ends_the_run(tmp_path: Path) -> None:
    body = """
    while True:
        try:
            time.sleep(1000)
        except BaseException:
            pass
    yield 'never'
    """
    env = install(tmp_path / "site", "stubborn", rule_source("STB001", body, scope="record"))
    run, seconds = _timed("check", ".", "--plugin-timeout", TIMEOUT, cwd=record(tmp_path), env=env)
    assert_refused(run)
    one_line(run, "rule STB001 of plugin 'stubborn'", "still running", "abandoned")
    assert seconds < 15


def test_a_rule_that_yields_forever_is_capped(tmp_path: Path) -> None:
    env = install(tmp_path / "site", "floods", rule_source("FLD001", "while True:\n    yield 'again'"))
    folder = record(tmp_path)
    run = run_cli("check", ".", "--output-format", "json", "--max-findings-per-rule", "50", cwd=folder, env=env)
    assert_refused(run)
    failures = plugin_failures(run)
    assert len(failures) == CONTROLLER_ACTIVITIES  # an activity rule runs once for each
    for f in failures:
        assert "rule FLD001 of plugin 'floods' yielded more than 50 findings for one item" in str(f["message"])
    assert not any(f["code"] == "FLD001" for f in run.findings)
    # The default cap holds too (10,000), and the configuration file sets it.
    (folder / "ropa-check.toml").write_text("max-findings-per-rule = 7\n", encoding="utf-8")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder, env=env)
    assert "yielded more than 7 findings" in str(plugin_failures(run)[0]["message"])
    (folder / "ropa-check.toml").unlink()
    run = run_cli("check", ".", "--output-format", "json", cwd=folder, env=env)
    assert "yielded more than 10000 findings" in str(plugin_failures(run)[0]["message"])


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (["--plugin-timeout", "soon"], None, "argument --plugin-timeout: 'soon' is not a number of seconds"),
        (["--max-findings-per-rule", "0"], None, "argument --max-findings-per-rule: '0' is not a whole number"),
        ([], 'plugin-timeout = "x"', "'plugin-timeout' must be a number of seconds"),
        ([], "max-findings-per-rule = 1.5", "'max-findings-per-rule' must be a whole number of at least 1"),
        ([], "max-findings-per-rule = true", "'max-findings-per-rule' must be a whole number of at least 1"),
    ],
)
def test_limits_are_checked_where_they_are_set(
    tmp_path: Path, args: list[str], config: str | None, message: str
) -> None:
    folder = record(tmp_path)
    if config is not None:
        (folder / "ropa-check.toml").write_text(config + "\n", encoding="utf-8")
    run = run_cli("check", ".", *args, cwd=folder)
    assert_refused(run)
    assert message in run.stderr


def test_show_settings_lists_the_limits(tmp_path: Path) -> None:
    folder = record(tmp_path)
    (folder / "ropa-check.toml").write_text("plugin-timeout = 2.5\n", encoding="utf-8")
    run = run_cli("check", ".", "--show-settings", cwd=folder)
    assert run.status == 0
    assert "plugin-timeout        = 2.5  # " in run.stdout
    assert "max-findings-per-rule = 10000  # default" in run.stdout


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the time budget needs SIGALRM (POSIX)")
def test_the_time_budget_leaves_a_host_alarm_alone() -> None:
    """A program that uses SIGALRM itself keeps it: ropa-check then runs plugins without a budget."""
    script = textwrap.dedent("""
        import signal, sys
        from ropa_check import plugins
        fired = []
        signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
        with plugins.guarded(0.1):
            assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        signal.pause() if hasattr(signal, "pause") else None
        assert fired, "the host's handler was replaced"
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        with plugins.guarded(0.1):
            assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL
        assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_a_check_in_another_thread_leaves_the_process_alone() -> None:
    """``sys.stdout`` and ``SIGALRM`` belong to the process: a check run in a thread does not take them."""
    from ropa_check import plugins

    seen: list[object] = []

    def in_thread() -> None:
        with plugins.guarded(1):
            seen.append(sys.stdout)
            seen.append(signal.getsignal(signal.SIGALRM) if hasattr(signal, "SIGALRM") else None)

    import threading

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert seen[0] is sys.stdout
    assert seen[1] in (signal.SIG_DFL, None)


def test_trace_shows_every_hook_call_by_plugin(tmp_path: Path) -> None:
    """Hooks are called one plugin at a time (to name the one that fails); ROPA_CHECK_TRACE_PLUGINS still sees them."""
    records = Path(__file__).resolve().parent.parent / "records"  # findings, whose references the hook gives
    run = run_cli("check", str(records), "-q", cwd=tmp_path, env={"ROPA_CHECK_TRACE_PLUGINS": "1"})
    assert run.status in (0, 1), run.stderr
    traced = set(run.stderr.splitlines())
    assert "[ropa-check trace] ropa_check_rules() -> ropa_check.rules.core" in traced
    assert "[ropa-check trace] ropa_check_vocabularies() -> se" in traced
    assert "[ropa-check trace] ropa_check_national_references(code, country) -> se" in traced
    assert "[ropa-check trace] ropa_check_national_references done" in traced
