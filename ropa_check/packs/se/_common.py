"""What the Swedish pack's rules share: when they apply, and the statutes they cite."""

from __future__ import annotations

from ropa_check.types import Record

DSL = "Dataskyddslagen (2018:218)"
DSL_3 = f"{DSL} 3 kap."
DSL_3_10 = f"{DSL} 3 kap. 10 §"
IMY_PERSONNUMMER = "IMY, Personnummer och samordningsnummer"
#: Who other than authorities may process Art. 10 data (DIFS 2018:2 1 § describes it so).
F_2018_219_5 = "Förordning (2018:219) 5 §"
KUL = "Kreditupplysningslagen (1973:1173)"
BFL_7_2 = "Bokföringslagen (1999:1078) 7 kap. 2 §"
IMY_DPIA_LIST = "IMY, förteckning enligt artikel 35.4 (konsekvensbedömning)"


def swedish(record: Record) -> bool:
    """The pack's rules apply to a controller established in Sweden."""
    return record.controller_country == "SE"
