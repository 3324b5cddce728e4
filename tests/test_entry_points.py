"""Finding rule packs: ropa_check.entry_points gives what importlib.metadata gives, without importing it.

Compared on this test environment (an editable install of ropa-check, pytest11 plugins, console scripts), on
made-up ``sys.path`` folders (shadowing, legacy egg-info, odd sections), and where it must hand over to
importlib.metadata (a zip on sys.path, an ``.egg`` folder, a finder of distributions of its own).
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_check import entry_points as module
from ropa_check.entry_points import entry_points

ROOT = Path(__file__).resolve().parent.parent


def _groups() -> list[str]:
    return sorted({ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points})


def _theirs(group: str) -> list[tuple[str, str]]:
    return sorted((ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group))


def _ours(group: str) -> list[tuple[str, str]]:
    return sorted((ep.name, ep.value) for ep in entry_points(group))


@pytest.mark.parametrize("group", _groups())
def test_agrees_with_importlib_metadata_on_the_installed_environment(group: str) -> None:
    assert module._plain_folders(), "this environment has only folders on sys.path: the fast reader is what runs"
    assert _ours(group) == _theirs(group)


def test_the_environment_has_groups_to_compare() -> None:
    assert {"console_scripts", "ropa_check", "pytest11"} <= set(_groups())


def test_the_built_in_packs_are_found_with_their_distribution() -> None:
    found = {ep.name: ep for ep in entry_points("ropa_check")}
    assert found["se"].value == "ropa_check.packs.se"
    assert found["se"].load() is sys.modules["ropa_check.packs.se"]
    assert found["se"].distribution() == ("ropa-check", importlib.metadata.version("ropa-check"))


def _dist(folder: Path, dirname: str, entry_points_txt: str, metadata: str = "") -> Path:
    dist = folder / dirname
    dist.mkdir(parents=True)
    (dist / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")
    if metadata:
        (dist / ("PKG-INFO" if dirname.endswith(".egg-info") else "METADATA")).write_text(metadata, encoding="utf-8")
    return dist


@pytest.fixture
def path_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """sys.path: two folders, with a missing entry between them."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    importlib.invalidate_caches()  # importlib.metadata caches each folder's listing by its mtime
    yield first, second
    importlib.invalidate_caches()


def test_the_first_distribution_of_a_name_shadows_later_ones(path_entries: tuple[Path, Path]) -> None:
    first, second = path_entries
    _dist(first, "Acme_Pack-2.0.dist-info", "[ropa_check]\nacme = acme_new\n")
    _dist(second, "acme.pack-1.0.dist-info", "[ropa_check]\nacme = acme_old\nextra = acme_extra\n")
    other = "# comment\n[console_scripts]\nx = y\n\n[ropa_check]\n# note\n  o=other:plugin  \n[ ropa_check ]\nz = no\n"
    _dist(second, "other-1.0.dist-info", other)
    legacy = "[ropa_check]\nlegacy = legacy.plugin:pack [extra]\n"
    _dist(second, "legacy.egg-info", legacy, "Name: legacy\nVersion: 3\n")
    _dist(second, "broken-1.0.dist-info", "[ropa_check]\n")
    (second / "notes.txt").write_text("[ropa_check]\nnot = a distribution\n", encoding="utf-8")
    assert module._plain_folders()
    expected = {"acme": "acme_new", "o": "other:plugin", "legacy": "legacy.plugin:pack [extra]"}
    assert dict(_ours("ropa_check")) == expected
    assert _ours("console_scripts") == [("x", "y")]
    for group in ("ropa_check", "console_scripts", "nothing"):
        assert _ours(group) == _theirs(group)


def test_loads_module_attributes_and_reads_the_distribution(
    path_entries: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = path_entries
    (first / "legacy_pack").mkdir()
    (first / "legacy_pack" / "__init__.py").write_text("class Holder:\n    plugin = 'the plugin'\n", encoding="utf-8")
    _dist(
        first,
        "legacy_pack-3.1.dist-info",
        "[ropa_check]\nlegacy = legacy_pack:Holder.plugin [extra]\nmodule = legacy_pack\nbad = not a value\n",
        "Metadata-Version: 2.1\nName: Legacy-Pack\nVersion: 3.1\n\nName: not a header\n",
    )
    _dist(first, "bare-1.0.dist-info", "[ropa_check]\nbare = legacy_pack\n")
    monkeypatch.delitem(sys.modules, "legacy_pack", raising=False)
    found = {ep.name: ep for ep in entry_points("ropa_check")}
    assert found["legacy"].load() == "the plugin"
    assert found["module"].load() is sys.modules["legacy_pack"]
    with pytest.raises(ValueError, match="not 'module:attribute'"):
        found["bad"].load()
    assert found["legacy"].distribution() == ("Legacy-Pack", "3.1")
    assert found["bare"].distribution() == ("?", "?")  # no metadata file: as importlib.metadata, nothing to say
    theirs = {ep.name: ep for ep in importlib.metadata.entry_points(group="ropa_check")}
    assert (theirs["legacy"].dist.name, theirs["legacy"].dist.version) == ("Legacy-Pack", "3.1")  # type: ignore[union-attr]


def _zipped_pack(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("zipped_pack/__init__.py", "VALUE = 'from the zip'\n")
        metadata = "Metadata-Version: 2.1\nName: zipped-pack\nVersion: 1.0\n"
        archive.writestr("zipped_pack-1.0.dist-info/METADATA", metadata)
        archive.writestr("zipped_pack-1.0.dist-info/entry_points.txt", "[ropa_check]\nzipped = zipped_pack:VALUE\n")


def test_a_zip_on_sys_path_is_read_by_importlib_metadata(
    path_entries: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = path_entries
    _dist(first, "acme-1.0.dist-info", "[ropa_check]\nacme = acme\n")
    _zipped_pack(tmp_path / "packs.zip")
    sys.path.append(str(tmp_path / "packs.zip"))
    monkeypatch.delitem(sys.modules, "zipped_pack", raising=False)
    assert not module._plain_folders()
    assert _ours("ropa_check") == _theirs("ropa_check") == [("acme", "acme"), ("zipped", "zipped_pack:VALUE")]
    found = {ep.name: ep for ep in entry_points("ropa_check")}
    assert found["zipped"].load() == "from the zip"
    assert found["zipped"].distribution() == ("zipped-pack", "1.0")


def test_an_egg_folder_on_sys_path_is_read_by_importlib_metadata(path_entries: tuple[Path, Path]) -> None:
    first, _ = path_entries
    egg = first.parent / "eggy-1.0-py3.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "entry_points.txt").write_text("[ropa_check]\neggy = eggy\n", encoding="utf-8")
    (egg / "EGG-INFO" / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: eggy\nVersion: 1.0\n", encoding="utf-8")
    sys.path.append(str(egg))
    assert not module._plain_folders()
    assert _ours("ropa_check") == _theirs("ropa_check") == [("eggy", "eggy")]


class _Finder:
    """A meta path finder that also provides distributions (as a custom importer may)."""

    def find_spec(self, *args: object) -> None:
        return None

    def find_distributions(self, context: object = None) -> Iterator[importlib.metadata.Distribution]:
        yield from ()


def test_a_finder_of_distributions_hands_over_to_importlib_metadata(
    path_entries: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = path_entries
    _dist(first, "acme-1.0.dist-info", "[ropa_check]\nacme = acme\n")
    monkeypatch.setattr(sys, "meta_path", [_Finder(), *sys.meta_path])
    assert not module._plain_folders()
    assert _ours("ropa_check") == _theirs("ropa_check") == [("acme", "acme")]


def test_a_check_does_not_import_importlib_metadata(tmp_path: Path) -> None:
    """The point of the module: about 15 ms of every run (email, zipfile, csv, socket)."""
    code = (
        "import sys\n"
        "from ropa_check.cli import main\n"
        f"status = main([{str(ROOT / 'records')!r}, '-q'])\n"
        "print(status, sorted(m for m in sys.modules if m in ('importlib.metadata', 'email', 'zipfile')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "1 []", out.stdout + out.stderr
