"""The controlled vocabularies shipped with ropa-check (``data/vocabularies.yaml``)."""

from __future__ import annotations

import functools
from importlib import resources

import yaml

NAMES = ("purpose", "data_subject", "data_category")


@functools.cache
def shipped() -> dict[str, dict[str, str]]:
    """The shipped tags, by vocabulary name, with their descriptions."""
    text = resources.files("ropa_check").joinpath("data/vocabularies.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return {name: dict(data[name]) for name in NAMES}
