"""A carmaker's name before a model's is a car, not the company: "Toyota Celica",
"Ford Escort", "Subaru Impreza", "VW Passat".

Rally and motoring reports name the cars their drivers race ("McRae's Subaru Impreza",
"a Ford Escort"); the maker alone ("Toyota said") or with a company word ("Ford
Motor Co", "Volkswagen AG", "Toyota Australia") stays the company. A model is named by
a rare word or a word of middling use ("Escort", "Civic"): an everyday word after the
maker more likely names a unit ("Daewoo Information"), and a first name or a second
maker's name is part of the maker's ("Aston Martin", "Mercedes Benz").
"""

from __future__ import annotations

from reader.core.entities.gazetteer import Gazetteer
from reader.core.entities.lexicon import CORP_SUFFIXES, NEVER, ORG_HEADS

_MAKERS = frozenset(
    """
    toyota ford subaru mitsubishi nissan honda vw volkswagen bmw peugeot renault opel
    vauxhall volvo mazda fiat audi mercedes mercedes-benz porsche ferrari skoda citroen
    hyundai daewoo kia lada jaguar saab chrysler chevrolet cadillac buick lancia suzuki
    daihatsu proton seat
    """.split()
)
_MODEL_ZIPF = 3.5  # "escort", "civic", "accord" are models; "information", "golf" not
# Second words that keep the company: its divisions, its team, a second maker.
_COMPANY_WORDS = frozenset("benz motor motors team racing powertrain automotive".split())


def car_model(lows: list[str], gaz: Gazetteer) -> bool:
    """Whether the two lower-cased words ``lows`` are a maker and a model."""
    if len(lows) != 2 or lows[0] not in _MAKERS:
        return False
    model = lows[1]
    if model in _MAKERS or model in _COMPANY_WORDS or not model.isalpha():
        return False
    if model in ORG_HEADS or model in CORP_SUFFIXES or model in NEVER:
        return False  # "Daewoo Corp", "Toyota Motors"
    if gaz.place(model) is not None or gaz.is_first_name(model.capitalize()):
        return False  # "Toyota Australia", "Aston Martin"
    return gaz.zipf(model) < _MODEL_ZIPF
