"""The organisation's house rules written in YAML."""

from __future__ import annotations

from collections.abc import Sequence


def load_pack(paths: Sequence[str]) -> object:
    """The rule pack made of the policy files under ``paths``. Raises ``PluginError`` (not built yet)."""
    from ropa_check.plugins import PluginError

    raise PluginError(f"organisation policies are not supported yet ({', '.join(paths)})")
