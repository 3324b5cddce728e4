"""The core GDPR pack (codes RPA1xx–RPA9xx), registered like any third-party pack.

Families, so that a prefix selects one (``--select RPA4``):

- RPA1xx organisation: controller, representative, DPO, authority, the record itself
- RPA2xx activity content: purposes, data subjects and categories
- RPA3xx lawful basis (Art. 6)
- RPA4xx retention (Art. 5(1)(e), 30(1)(f))
- RPA5xx recipients, processors and joint controllers
"""

from __future__ import annotations

from collections.abc import Sequence

from ropa_check.hookspecs import hookimpl
from ropa_check.rule import Rule
from ropa_check.rules.core import content, lawful_basis, organisation, recipients, retention

MODULES = (organisation, content, lawful_basis, retention, recipients)


@hookimpl
def ropa_check_rules() -> Sequence[Rule]:
    return [value for module in MODULES for value in vars(module).values() if isinstance(value, Rule)]
