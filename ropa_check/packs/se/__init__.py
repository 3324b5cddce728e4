"""The Swedish pack (codes RSE): Dataskyddslagen and other Swedish law.

Registered through the ``ropa_check`` entry-point group (``se``), like any
third-party pack. Its rules apply to a controller whose country is SE.

Families, so that a prefix selects one:

- RSE1xx personnummer and samordningsnummer (Dataskyddslagen 3 kap. 10 §)
- RSE2xx children's age for information-society services (Dataskyddslagen 2 kap. 4 §)
- RSE4xx IMY's Art. 35(4) DPIA list ("ska" at two or more criteria)
- RSE5xx Kreditupplysningslagen (1973:1173)
- RSE6xx statutory retention (Bokföringslagen 7 kap. 2 §)
- RSE7xx the supervisory authority's name (IMY since 1 January 2021)
- RSE8xx electronic direct marketing (Marknadsföringslagen (2008:486))

Where Swedish law implements an EU provision a core rule already checks, the
pack adds the Swedish provision to that rule's findings
(:func:`ropa_check_national_references`) instead of reporting the gap again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ropa_check import hookimpl
from ropa_check.packs.se import authority, children, credit, dpia, marketing, national_id, retention
from ropa_check.rule import Rule

MODULES = (national_id, children, dpia, credit, retention, authority, marketing)

LEK_9_28 = "LEK (2022:482) 9 kap. 28 §"
#: Core rules whose gap Swedish law also covers, and the Swedish provision to cite with them.
NATIONAL_REFERENCES: Mapping[str, tuple[str, ...]] = {
    "RPA901": (LEK_9_28,),
    "RPA902": (LEK_9_28,),
}


@hookimpl
def ropa_check_rules() -> Sequence[Rule]:
    return [value for module in MODULES for value in vars(module).values() if isinstance(value, Rule)]


@hookimpl
def ropa_check_vocabularies() -> Mapping[str, Mapping[str, str]]:
    return {
        "purpose": {
            "provide_credit_information": "Providing credit information to others (Kreditupplysningslagen 1 §).",
        }
    }


@hookimpl
def ropa_check_national_references(code: str, country: str | None) -> Sequence[str]:
    return NATIONAL_REFERENCES.get(code, ()) if country == "SE" else ()
