"""A policy file that cannot be used, named by file, line and column."""

from __future__ import annotations

from ropa_check.document import Document
from ropa_check.paths import Path, json_path
from ropa_check.plugin_errors import PluginError


class PolicyError(PluginError):
    """A policy file cannot be used: exit status 2, with the file, line and column."""


def located(doc: Document, path: Path, message: str) -> PolicyError:
    """A :class:`PolicyError` at ``path`` in ``doc`` (its nearest existing parent for a missing key)."""
    line, column = doc.position(path)
    where = json_path(path)
    return PolicyError(f"{doc.path}:{line}:{column}: {message} (at {where})")


__all__ = ["PolicyError", "located"]
