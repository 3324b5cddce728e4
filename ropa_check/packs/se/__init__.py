"""The Swedish pack (codes RSE): Dataskyddslagen and other Swedish law.

Registered through the ``ropa_check`` entry-point group (``se``), like any
third-party pack. Its rules apply to a controller whose country is SE.

Families, so that a prefix selects one:

- RSE1xx personnummer and samordningsnummer, including sole traders' organisation numbers (Dataskyddslagen
  3 kap. 10 §)
- RSE2xx children's age for information-society services (Dataskyddslagen 2 kap. 4 §)
- RSE4xx IMY's Art. 35(4) DPIA list ("ska" at two or more criteria)
- RSE5xx Kreditupplysningslagen (1973:1173)
- RSE6xx statutory retention (Bokföringslagen 7 kap. 2 §)
- RSE7xx the supervisory authority's name (IMY since 1 January 2021)
- RSE8xx electronic direct marketing (Marknadsföringslagen (2008:486) 19 §)

Where Swedish law implements or complements an EU provision a core rule
already checks (cookie consent; the national law behind Art. 9(2) and Art. 10),
the pack adds the Swedish provision to that rule's findings for a Swedish
controller (:func:`ropa_check_national_references`) instead of reporting the gap
again; other controllers' findings cite no Swedish law.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ropa_check import hookimpl
from ropa_check.packs.se import authority, children, credit, dpia, marketing, national_id, retention
from ropa_check.packs.se._common import DSL_3, F_2018_219_5, IMY_DPIA_LIST
from ropa_check.rule import Rule

MODULES = (national_id, children, dpia, credit, retention, authority, marketing)

LEK_9_28 = "LEK (2022:482) 9 kap. 28 §"
#: Core rules whose gap Swedish law also covers, and the Swedish provision to cite with them.
#: Special categories: Dataskyddslagen 3 kap. gives the Swedish law that Art. 9(2)(b), (g)–(j) rely on (cited by
#: chapter: its section numbers were not read in a primary text). Criminal-offence data: 3 kap. and, for others
#: than authorities, förordning (2018:219) 5 §.
NATIONAL_REFERENCES: Mapping[str, tuple[str, ...]] = {
    "RPA701": (DSL_3,),
    "RPA703": (DSL_3,),
    "RPA711": (DSL_3, F_2018_219_5),
    # Where a WP248 criterion is unsettled, RSE401 stays silent and the core warning stands: cite IMY's list.
    "RPA801": (IMY_DPIA_LIST,),
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
