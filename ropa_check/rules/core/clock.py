"""What day it is, for rules that compare dates (a record's last review).

One function, so that a ``--today`` option or a test can later replace the
system date in one place and results stay reproducible.
"""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """The date rules treat as today: the system's local date."""
    return dt.date.today()
