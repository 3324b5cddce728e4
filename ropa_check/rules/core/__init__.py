"""The core GDPR pack (codes RPA1xx–RPA9xx), registered like any third-party pack.

Families, so that a prefix selects one (``--select RPA4``):

- RPA1xx organisation and the record itself: controller, joint controllers and representative (10x; Art.
  30(1)(a), 26, 27), DPO (11x; Art. 37), supervisory authority, record form, review and the Art. 30(5)
  scope (12x), organisation-level security and breach register (13x; Art. 32, 33(5))
- RPA2xx activity content: purposes (20x; Art. 30(1)(b)), data subjects and categories (21x; 30(1)(c)),
  sources (22x; Art. 14), security measures (23x; 30(1)(g)), processor records (24x; Art. 30(2))
- RPA3xx lawful basis (Art. 6, 7)
- RPA4xx retention (Art. 5(1)(e), 30(1)(f))
- RPA5xx recipients (50x; Art. 30(1)(d)), processors (51x; Art. 28), joint controllers (52x; Art. 26)
- RPA6xx international transfers (Chapter V, Art. 30(1)(e)); EEA and adequacy data in ``data/adequacy.yaml``
- RPA7xx special categories (70x, Art. 9), criminal-offence data (71x, Art. 10), children (72x)
- RPA8xx risk: DPIA (80x, Art. 35, 36; WP248 screening in ``wp248``), automated decisions and profiling
  (81x, Art. 22, 21)
- RPA9xx online identifiers and cookies (90x, ePrivacy Art. 5(3)), direct marketing (91x, Art. 21(2)–(4)),
  data subject rights (92x)
- RPA09x waivers and baselines (expired, malformed, unused, stale)
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from ropa_check.hookspecs import hookimpl
from ropa_check.rule import Rule
from ropa_check.rules.core import (
    automated,
    children,
    content,
    cookies,
    dpia,
    dpo,
    duties,
    further_processing,
    lawful_basis,
    marketing,
    monitoring,
    onward,
    organisation,
    processor,
    recipients,
    retention,
    rights,
    security,
    sensitive,
    sources,
    suppressions,
    transfers,
    wording,
)

MODULES: tuple[ModuleType, ...] = (organisation, content, lawful_basis, retention, recipients, suppressions)
# RPA1xx–RPA5xx modules added for the rule catalogue, and the rights rule (RPA92x).
MODULES += (dpo, security, sources, processor, rights)
# RPA214–RPA218: facts stated in words but not in tags.
MODULES += (wording,)
# Format 1.1: onward transfers by sub-processors (RPA615), monitoring of public areas (RPA807–RPA808).
MODULES += (onward, monitoring)
# Duties with no rule before issue 10: RPA311, RPA522, RPA809; RPA312 (Art. 6(4), format 1.1 further_processing).
MODULES += (duties, further_processing)
# RPA6xx–RPA9xx.
MODULES += (transfers, sensitive, children, dpia, automated, cookies, marketing)


@hookimpl
def ropa_check_rules() -> Sequence[Rule]:
    return [value for module in MODULES for value in vars(module).values() if isinstance(value, Rule)]
