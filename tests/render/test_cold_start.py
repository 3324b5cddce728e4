"""What a check imports: never Jinja2, openpyxl or the render command's work modules.

``ropa-check check`` runs in every commit hook; the document commands' libraries
and modules are imported only when those commands run (the module that defines
the ``render`` command's arguments is all a check loads of it). This extends
the pin in tests/test_compiled_model.py, which keeps pydantic's model machinery out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

HEAVY = ("jinja2", "markupsafe", "openpyxl", "playwright")
#: Of ropa_check.render, a check may load at most the package and the module that defines the command's arguments.
ALLOWED = {"ropa_check.render", "ropa_check.render.command"}


def _imported(argv: list[str], cwd: Path) -> list[str]:
    code = (
        "import sys\n"
        "from ropa_check.cli import main\n"
        f"status = main({argv!r})\n"
        "print(status)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    *_, status, modules = out.stdout.strip().splitlines()
    assert status in ("0", "1")
    return modules.split()


def test_a_check_imports_no_document_library_nor_the_render_work(tmp_path: Path) -> None:
    modules = _imported([str(ROOT / "records")], tmp_path)
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
    assert [m for m in modules if m.startswith("ropa_check.render") and m not in ALLOWED] == []
    assert "ropa_check.cli" in modules
    assert "ropa_check.pipeline" in modules


def test_render_imports_jinja2_only_for_html(tmp_path: Path) -> None:
    markdown = _imported(
        ["render", str(ROOT / "records"), "--format", "markdown", "-o", str(tmp_path / "r.md")], tmp_path
    )
    assert [m for m in markdown if m.split(".")[0] in HEAVY] == []
    html = _imported(["render", str(ROOT / "records"), "-o", str(tmp_path / "r.html")], tmp_path)
    assert "jinja2" in html
    assert [m for m in html if m.split(".")[0] in ("openpyxl", "playwright")] == []
