"""Shared pytest set-up: ``pytester`` runs pytest for real to test ropa-check's pytest plugin."""

from __future__ import annotations

pytest_plugins = ["pytester"]
