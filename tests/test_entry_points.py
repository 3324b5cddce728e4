"""Entry-point discovery agrees with importlib.metadata, which it replaces for speed."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from ropa_check.entry_points import entry_points


def _groups() -> list[str]:
    return sorted({ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points})


@pytest.mark.parametrize("group", _groups())
def test_agrees_with_importlib_metadata_on_the_installed_environment(group: str) -> None:
    ours = sorted((ep.name, ep.value) for ep in entry_points(group))
    theirs = sorted((ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group))
    assert ours == theirs


def test_the_environment_has_groups_to_compare() -> None:
    assert {"console_scripts", "ropa_check", "pytest11"} <= set(_groups())


def _dist(folder: Path, dirname: str, entry_points_txt: str, metadata: str = "") -> Path:
    dist = folder / dirname
    dist.mkdir(parents=True)
    (dist / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")
    if metadata:
        (dist / ("PKG-INFO" if dirname.endswith(".egg-info") else "METADATA")).write_text(metadata, encoding="utf-8")
    return dist


@pytest.fixture
def path_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(tmp_path / "a.zip"), str(second)])
    (tmp_path / "a.zip").write_bytes(b"PK")
    return first, second


def test_first_distribution_of_a_name_shadows_later_ones(path_entries: tuple[Path, Path]) -> None:
    first, second = path_entries
    _dist(first, "Acme_Pack-2.0.dist-info", "[ropa_check]\nacme = acme_new\n")
    _dist(second, "acme.pack-1.0.dist-info", "[ropa_check]\nacme = acme_old\nextra = acme_extra\n")
    other = "# comment\n[console_scripts]\nx = y\n\n[ropa_check]\n# note\no = other:plugin\n"
    _dist(second, "other-1.0.dist-info", other)
    legacy = "[ropa_check]\nlegacy = legacy.plugin:pack [extra]\n"
    _dist(second, "legacy.egg-info", legacy, "Name: legacy\nVersion: 3\n")
    found = {ep.name: ep.value for ep in entry_points("ropa_check")}
    assert found == {"acme": "acme_new", "o": "other:plugin", "legacy": "legacy.plugin:pack [extra]"}
    assert {ep.name for ep in entry_points("console_scripts")} == {"x"}
    for group in ("ropa_check", "console_scripts"):
        expected = sorted((ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group))
        assert sorted((ep.name, ep.value) for ep in entry_points(group)) == expected


def test_loads_module_attributes_and_reads_the_distribution(
    path_entries: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = path_entries
    (first / "legacy_pack").mkdir()
    (first / "legacy_pack" / "__init__.py").write_text("class Holder:\n    plugin = 'the plugin'\n", encoding="utf-8")
    _dist(
        first,
        "legacy_pack-3.1.dist-info",
        "[ropa_check]\nlegacy = legacy_pack:Holder.plugin [extra]\nmodule = legacy_pack\n",
        "Metadata-Version: 2.1\nName: Legacy-Pack\nVersion: 3.1\n\nName: not a header\n",
    )
    monkeypatch.delitem(sys.modules, "legacy_pack", raising=False)
    found = {ep.name: ep for ep in entry_points("ropa_check")}
    assert found["legacy"].load() == "the plugin"
    assert found["module"].load() is sys.modules["legacy_pack"]
    assert found["legacy"].distribution() == ("Legacy-Pack", "3.1")


def test_version_of_this_package_matches_its_metadata() -> None:
    (ep,) = [ep for ep in entry_points("ropa_check") if ep.name == "se"]
    assert ep.distribution() == ("ropa-check", importlib.metadata.version("ropa-check"))
