"""Shared pytest set-up.

``pytester`` runs pytest for real to test ropa-check's pytest plugin. The suite
runs as of a fixed date, so rules that compare dates (a record's last review,
a waiver's expiry) give the same result next year; a test that wants another
date sets ``ROPA_CHECK_TODAY`` or passes ``--today`` itself.
"""

from __future__ import annotations

import os

pytest_plugins = ["pytester"]

TEST_TODAY = "2026-11-25"
os.environ.setdefault("ROPA_CHECK_TODAY", TEST_TODAY)
