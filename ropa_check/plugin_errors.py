"""The error a rule pack's failure is reported as, apart from :mod:`ropa_check.plugins`.

Packs that are loaded by :mod:`ropa_check.plugins` itself (the organisation's policies)
raise it without importing the module that loads them.
"""

from __future__ import annotations


class PluginError(Exception):
    """A plugin cannot be loaded, or its rules clash with another plugin's (exit status 2)."""


__all__ = ["PluginError"]
