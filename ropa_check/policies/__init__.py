"""The organisation's house rules written in YAML (docs/policies.md).

Imported by the plugin loader only when the configuration names ``policies``:
the work is in the modules below, imported here when a pack is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence


def load_pack(paths: Sequence[str]) -> object:
    """The rule pack made of the policy files under ``paths``.

    Raises :class:`ropa_check.policies.errors.PolicyError` (a ``PluginError``:
    exit status 2) naming file, line and column for any mistake in a policy.
    """
    from ropa_check.policies.pack import PolicyPack, load_files

    return PolicyPack(load_files(paths))
