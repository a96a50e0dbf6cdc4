"""find_quantities on invented news sentences: qualifiers, kinds, units, roles, conversions.

Each row is (sentence, the span the quantity must have, the fields it must carry).
Intervals follow the rules in the module docstring of factcheck.extract.quantities:
approx is ±5%, "nearly" is [v − 5%, v), round figures are read at two significant
figures, and so on.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from factcheck.extract.quantities import find_quantities
from factcheck.models import Quantity

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def quantity(text: str, span: str) -> Quantity:
    """The one quantity whose span is ``span`` (fails if there is not exactly one)."""
    found = [q for q in find_quantities(text) if q.text == span]
    assert len(found) == 1, [(q.text, q.role) for q in find_quantities(text)]
    return found[0]


def check(q: Quantity, expected: dict[str, Any]) -> None:
    for field, want in expected.items():
        got = getattr(q, field)
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want), (field, got, want)
        else:
            assert got == want, (field, got, want)


QUALIFIERS = [
    # exact, and emphatic adjectives that keep it exact
    (
        "Officers detained 1,094 people overnight.",
        "1,094",
        {"value": 1094.0, "low": 1094.0, "high": 1094.0, "qualifier": "exact"},
    ),
    ("Rescuers found a stunning 52,000 bottles.", "52,000", {"qualifier": "exact", "low": 52000.0}),
    (
        "The club sold a record 300 season tickets.",
        "300",
        {"qualifier": "exact", "precision": None},
    ),
    ("Fans raised a whopping 7,500 signatures.", "7,500", {"qualifier": "exact"}),
    (
        "The flat cost only 539 yuan below average.",
        "539 yuan",
        {"qualifier": "exact", "kind": "money"},
    ),
    # approx: ±5%; "nearly"/"almost" below the figure
    (
        "About 240 volunteers turned up.",
        "240",
        {"qualifier": "approx", "low": 235.0, "high": 245.0},
    ),
    ("Around 80 homes flooded.", "80", {"qualifier": "approx", "low": 75.0, "high": 85.0}),
    (
        "Some 325 kilometres of track were closed.",
        "325 kilometres",
        {"qualifier": "approx", "unit": "km"},
    ),
    ("Roughly 40 ships waited offshore.", "40", {"qualifier": "approx"}),
    ("An estimated 9,000 people marched.", "9,000", {"qualifier": "approx", "low": 8500.0}),
    (
        "Nearly 600 flights were cancelled.",
        "600",
        {"qualifier": "approx", "low": 550.0, "high": 600.0, "high_inclusive": False},
    ),
    (
        "Almost 20 percent of voters stayed home.",
        "20 percent",
        {"qualifier": "approx", "high": 20.0, "high_inclusive": False},
    ),
    ("The quake killed 70 or so villagers.", "70", {"qualifier": "approx"}),
    # at_least: strict for "more than"/"over", inclusive for "at least"
    (
        "More than 8,600 cases were opened.",
        "8,600",
        {"qualifier": "at_least", "low": 8600.0, "high": None, "low_inclusive": False},
    ),
    (
        "Over 45 lorries crossed the bridge.",
        "45",
        {"qualifier": "at_least", "low_inclusive": False},
    ),
    (
        "At least 12 miners died.",
        "12",
        {"qualifier": "at_least", "low_inclusive": True, "high": None},
    ),
    ("As many as 300 guests attended.", "300", {"qualifier": "at_least", "low": 300.0}),
    (
        "Tickets sold for as little as 1,000 yuan.",
        "1,000 yuan",
        {"qualifier": "at_least", "low": 1000.0, "unit": "CNY"},
    ),
    ("Parking fines went upwards of $400.", "$400", {"qualifier": "at_least"}),
    (
        "Losses were in excess of 2,000 euros.",
        "2,000 euros",
        {"qualifier": "at_least", "unit": "EUR"},
    ),
    ("Each team fielded 11 players or more.", "11", {"qualifier": "at_least", "low": 11.0}),
    ("The museum hosts 500-plus paintings.", "500", {"qualifier": "at_least"}),
    # at_most
    (
        "Sellers asked up to 3,000 yuan.",
        "3,000 yuan",
        {"qualifier": "at_most", "low": None, "high": 3000.0, "high_inclusive": True},
    ),
    (
        "Brokers charged as much as 6 per cent.",
        "6 per cent",
        {"qualifier": "at_most", "kind": "percent", "unit": "%"},
    ),
    (
        "Less than 15 percent of funds were spent.",
        "15 percent",
        {"qualifier": "at_most", "high_inclusive": False},
    ),
    (
        "Fewer than 90 pandas remain there.",
        "90",
        {"qualifier": "at_most", "high": 90.0, "high_inclusive": False},
    ),
    ("Children under 12 travel free.", "12", {"qualifier": "at_most"}),
    ("The lake stayed below 4 °C.", "4 °C", {"qualifier": "at_most", "unit": "°C"}),
    ("No more than 30 pupils per class.", "30", {"qualifier": "at_most", "high_inclusive": True}),
    # stacked qualifiers: the one next to the figure wins
    (
        "The survey counted about over 600,000 people.",
        "600,000",
        {"qualifier": "at_least", "low": 600000.0},
    ),
    ("Prices rose just over 20 percent.", "20 percent", {"qualifier": "at_least"}),
    # ranges
    (
        "Boys sold for 50,000 to 60,000 yuan.",
        "50,000 to 60,000 yuan",
        {"qualifier": "range", "low": 50000.0, "high": 60000.0, "unit": "CNY", "value": 50000.0},
    ),
    (
        "Girls sold for between 20,000 and 30,000 yuan.",
        "20,000 and 30,000 yuan",
        {"qualifier": "range", "low": 20000.0, "high": 30000.0},
    ),
    (
        "Wages of 3,000-4,500 yuan are common.",
        "3,000-4,500 yuan",
        {"qualifier": "range", "unit": "CNY"},
    ),
    (
        "Estimates span 12–15 percent.",
        "12–15 percent",
        {"qualifier": "range", "low": 12.0, "high": 15.0, "kind": "percent"},
    ),
    (
        "Budgets run from $50 to $60 million.",
        "$50 to $60 million",
        {"qualifier": "range", "low": 50e6, "high": 60e6, "unit": "USD"},
    ),
    (
        "The bill reached $50-60 million.",
        "$50-60 million",
        {"qualifier": "range", "low": 50e6, "high": 60e6},
    ),
    (
        "Two or three patrols passed by.",
        "Two or three",
        {"qualifier": "range", "low": 2.0, "high": 3.0},
    ),
    (
        "Readings ranged from -18 °C to -34 °C overnight.",
        "-18 °C to -34 °C",
        {"qualifier": "range", "low": -34.0, "high": -18.0},
    ),
    (
        "Pupils aged 10 days to four years were moved.",
        "10 days to four years",
        {"qualifier": "range", "kind": "age", "unit": "day", "low": 10.0, "high": 1461.0},
    ),
    (
        "Rents are more than 10 and less than 40 dollars.",
        "10 and less than 40 dollars",
        {
            "qualifier": "range",
            "low": 10.0,
            "high": 40.0,
            "low_inclusive": False,
            "high_inclusive": False,
        },
    ),
    # vague
    (
        "Hundreds of families were evacuated.",
        "Hundreds",
        {"qualifier": "vague", "low": 200.0, "high": 999.0},
    ),
    ("Dozens of shops closed early.", "Dozens", {"qualifier": "vague", "low": 24.0, "high": 143.0}),
    ("Thousands gathered in the square.", "Thousands", {"qualifier": "vague", "low": 2000.0}),
    (
        "Tens of thousands of fans sang.",
        "Tens of thousands",
        {"qualifier": "vague", "low": 20000.0, "high": 99999.0},
    ),
    (
        "A handful of deputies voted against.",
        "A handful",
        {"qualifier": "vague", "low": 2.0, "high": 9.0},
    ),
    (
        "Several hundred workers walked out.",
        "Several hundred",
        {"qualifier": "vague", "low": 200.0, "high": 999.0},
    ),
    ("Scores of birds died.", "Scores", {"qualifier": "vague"}),
    # rounded: ≥2 trailing zeros and ≤2 significant digits, or a scale word
    (
        "Police made 1,000 arrests.",
        "1,000",
        {
            "qualifier": "rounded",
            "precision": 100.0,
            "low": 950.0,
            "high": 1050.0,
            "high_inclusive": False,
        },
    ),
    (
        "The dam displaced 600,000 residents.",
        "600,000",
        {"qualifier": "rounded", "precision": 10000.0},
    ),
    (
        "The country has 1.4 billion people.",
        "1.4 billion",
        {"qualifier": "rounded", "precision": 1e8, "value": 1.4e9},
    ),
    (
        "The fund holds 2.75 million euros.",
        "2.75 million euros",
        {"qualifier": "rounded", "precision": 1e4},
    ),
    ("The ferry carried 1,094 passengers.", "1,094", {"qualifier": "exact", "precision": None}),
    ("A crowd of 1,500 waited.", "1,500", {"qualifier": "rounded", "precision": 100.0}),
    ("The ward has 20 beds.", "20", {"qualifier": "exact"}),
    # a stated uncertainty is its own band
    (
        "The probe measured 7.25 ± 0.05 volts.",
        "7.25 ± 0.05 volts",
        {"qualifier": "approx", "value": 7.25, "low": 7.2, "high": 7.3, "unit": "V"},
    ),
    (
        "Support stood at 41 +/- 3 percent.",
        "41 +/- 3 percent",
        {"qualifier": "approx", "low": 38.0, "high": 44.0, "kind": "percent"},
    ),
    ("The bill is 2 ± 0.5 billion dollars.", "2 ± 0.5 billion dollars", {"low": 1.5e9}),
    ("They released another 30,000 tonnes.", "30,000 tonnes", {"qualifier": "rounded"}),
    ("A further nearly 300 people fled.", "300", {"qualifier": "approx", "high": 300.0}),
]


@pytest.mark.parametrize(("text", "span", "expected"), QUALIFIERS)
def test_qualifiers(text: str, span: str, expected: dict[str, Any]) -> None:
    check(quantity(text, span), expected)


KINDS = [
    # money: ISO codes from symbols, codes and words; scales glued or spelled
    ("The deal was worth $3bn.", "$3bn", {"kind": "money", "unit": "USD", "value": 3e9}),
    ("Tesco paid £2.5m for the site.", "£2.5m", {"kind": "money", "unit": "GBP", "value": 2.5e6}),
    ("It cost HK$3,774 in total.", "HK$3,774", {"kind": "money", "unit": "HKD"}),
    ("They paid US$ 12 each.", "US$ 12", {"kind": "money", "unit": "USD"}),
    ("A fine of RMB 5,000 was issued.", "RMB 5,000", {"kind": "money", "unit": "CNY"}),
    ("The bond pays €40 a year.", "€40", {"kind": "money", "unit": "EUR"}),
    ("Ticket prices hit 15€ yesterday.", "15€", {"kind": "money", "unit": "EUR"}),
    ("Wages are 2,736 renminbi a month.", "2,736 renminbi", {"kind": "money", "unit": "CNY"}),
    ("He earned 415 U.S. dollars.", "415 U.S. dollars", {"kind": "money", "unit": "USD"}),
    ("She sold it for 9,000 rupees.", "9,000 rupees", {"kind": "money", "unit": "INR"}),
    (
        "The club lost 361 million pounds.",
        "361 million pounds",
        {"kind": "money", "unit": "GBP", "value": 361e6},
    ),
    ("Shares closed at 470 pence.", "470 pence", {"kind": "money", "unit": "GBX"}),
    ("A stamp costs 50 cents.", "50 cents", {"kind": "money", "unit": "cent"}),
    ("Exports fell to 5 billion yen.", "5 billion yen", {"kind": "money", "unit": "JPY"}),
    # percent
    ("Output rose 6 per cent.", "6 per cent", {"kind": "percent", "unit": "%", "value": 6.0}),
    ("Income is up 12.3 percent.", "12.3 percent", {"kind": "percent", "value": 12.3}),
    ("Turnout was 64%.", "64%", {"kind": "percent", "unit": "%"}),
    ("Profits fell 12pc.", "12pc", {"kind": "percent", "unit": "%"}),
    (
        "Rates rose two percentage points.",
        "two percentage points",
        {"kind": "percent", "unit": "pp"},
    ),
    # ratios and fractions
    ("There were 118 boys per 100 girls.", "118", {"kind": "ratio", "unit": "per 100"}),
    ("The ratio is 115 boys for every 100 girls.", "115", {"kind": "ratio", "unit": "per 100"}),
    (
        "A norm of 103-107 boys per 100 girls.",
        "103-107",
        {"kind": "ratio", "unit": "per 100", "qualifier": "range"},
    ),
    ("1 in 5 adults smokes.", "1", {"kind": "ratio", "unit": "per 5"}),
    ("The odds moved to 1:3 overnight.", "1", {"kind": "ratio", "unit": "per 3"}),
    (
        "Sales rose by a fifth to £20bn.",
        "a fifth",
        {"kind": "ratio", "unit": "fraction", "value": 0.2},
    ),
    (
        "Fees were two to three times higher.",
        "two to three times",
        {"kind": "ratio", "unit": "times", "low": 2.0, "high": 3.0},
    ),
    ("Half of the residents left.", "Half", {"kind": "ratio", "unit": "fraction", "value": 0.5}),
    ("A third of the budget went on rent.", "A third", {"kind": "ratio", "unit": "fraction"}),
    ("Two thirds of voters agreed.", "Two thirds", {"kind": "ratio", "value": 2 / 3}),
    ("The village has half a million trees.", "half a million", {"kind": "count", "value": 5e5}),
    # ages
    ("The suspect, aged 55, was held.", "55", {"kind": "age", "unit": "year"}),
    ("Zhang Wei, 43, a teacher, spoke.", "43", {"kind": "age", "unit": "year"}),
    ("The driver, 34, was fined.", "34", {"kind": "age", "unit": "year"}),
    ("A 10-year-old boy was found.", "10-year-old", {"kind": "age", "unit": "year", "value": 10.0}),
    (
        "The youngest is four days old.",
        "four days old",
        {"kind": "age", "unit": "day", "value": 4.0},
    ),
    ("She is 29 years old.", "29 years old", {"kind": "age"}),
    ("He retired at the age of 61.", "61", {"kind": "age"}),
    # durations
    (
        "The trial lasted three months.",
        "three months",
        {"kind": "duration", "unit": "month", "value": 3.0},
    ),
    ("They walked for ten days.", "ten days", {"kind": "duration", "unit": "day"}),
    ("The strike lasted 48 hours.", "48 hours", {"kind": "duration", "unit": "hour"}),
    # physical measures
    ("The pipeline runs 1,200 km.", "1,200 km", {"kind": "measure", "unit": "km"}),
    ("The storm reached 90 mph.", "90 mph", {"kind": "measure", "unit": "mph"}),
    ("Winds of 120 km/h hit the coast.", "120 km/h", {"kind": "measure", "unit": "km/h"}),
    ("The tanker spilled 3,000 barrels.", "3,000 barrels", {"kind": "measure", "unit": "bbl"}),
    ("Police seized 12 tonnes of ivory.", "12 tonnes", {"kind": "measure", "unit": "t"}),
    ("A 5 kg bag of rice.", "5 kg", {"kind": "measure", "unit": "kg"}),
    ("It was 38 °C in the shade.", "38 °C", {"kind": "measure", "unit": "°C"}),
    ("Temperatures hit 45C on Monday.", "45C", {"kind": "measure", "unit": "°C"}),
    (
        "Highs of 100 degrees Fahrenheit are forecast.",
        "100 degrees Fahrenheit",
        {"kind": "measure", "unit": "°F"},
    ),
    ("The farm covers 40 hectares.", "40 hectares", {"kind": "measure", "unit": "ha"}),
    ("They bought 300 acres.", "300 acres", {"kind": "measure", "unit": "acre"}),
    ("A magnitude 7.8 earthquake struck.", "7.8", {"kind": "measure", "unit": "magnitude"}),
    ("He is 1.8m tall.", "1.8m", {"kind": "measure", "unit": "m", "value": 1.8}),
    ("The wall is 20 feet high.", "20 feet", {"kind": "measure", "unit": "ft"}),
    ("A three-mile stretch of road.", "three-mile", {"kind": "measure", "unit": "mi"}),
    # counts and scales
    ("Officials counted 2.5m people.", "2.5m", {"kind": "count", "value": 2.5e6}),
    ("Fourteen provinces took part.", "Fourteen", {"kind": "count", "value": 14.0}),
    ("She bought a dozen eggs.", "a dozen", {"kind": "count", "value": 12.0}),
    (
        "They planted three hundred and forty two trees.",
        "three hundred and forty two",
        {"value": 342.0},
    ),
    ("The site has 10k members.", "10k", {"value": 10000.0}),
    (
        "Voters cast six million, four hundred & twelve ballots.",
        "six million, four hundred & twelve",
        {"value": 6000412.0},
    ),
    ("It drew one thousand, twenty of them left.", "one thousand", {"value": 1000.0}),
    ("The inflation rate was 13.5.", "13.5", {"value": 13.5, "kind": "count"}),
    # scientific notation is one numeral
    ("The error rate was 3.1×10−4 per read.", "3.1×10−4", {"value": 3.1e-4}),
    ("Each cell holds 6.2x10-2 ml.", "6.2x10-2 ml", {"value": 0.062, "unit": "ml"}),
    ("The dish held 10^6 cells.", "10^6", {"value": 1e6, "kind": "count"}),
    ("A star some 4 × 10⁹ years old.", "4 × 10⁹ years old", {"value": 4e9, "kind": "age"}),
    # SI and binary prefixes, glued or spaced
    ("The chip runs at 2.4GHz.", "2.4GHz", {"kind": "measure", "unit": "GHz"}),
    ("The drive holds 512 GiB.", "512 GiB", {"unit": "GiB", "value": 512.0}),
    ("Pressure fell to 98 kPa.", "98 kPa", {"unit": "kPa"}),
    ("The rocks formed 65Ma ago.", "65Ma", {"unit": "Ma", "kind": "measure"}),
    ("The beam reached 13 TeV.", "13 TeV", {"unit": "TeV"}),
    ("A file of two mebibytes.", "two mebibytes", {"unit": "MiB", "value": 2.0}),
    # units with powers and quotients, normalised to superscripts
    ("A reservoir of 3km^3 was drained.", "3km^3", {"unit": "km³", "value": 3.0}),
    ("Sunlight gives 340 W/m^2 on average.", "340 W/m^2", {"unit": "W/m²", "kind": "measure"}),
    ("The sled slowed at 2.5 m/s2 on ice.", "2.5 m/s2", {"unit": "m/s²"}),
    ("A dose of 15 mg/kg was given.", "15 mg/kg", {"unit": "mg/kg"}),
    ("The robot walks at 2.5m/h on sand.", "2.5m/h", {"unit": "m/h"}),
    ("Soil held 1.3 g/cm³ of water.", "1.3 g/cm³", {"unit": "g/cm³"}),
    ("The decay rate is 3e-2 s-1.", "3e-2 s-1", {"unit": "s⁻¹", "value": 0.03}),
    ("The run collected 20 fb−1 of data.", "20 fb−1", {"unit": "fb⁻¹"}),
    # "a"/"an" before a unit of measure is one of it, unless a figure makes it a rate
    ("The shelter is less than a mile away.", "a mile", {"value": 1.0, "high": 1.0}),
    ("Guards seized nearly a tonne of resin.", "a tonne", {"unit": "t", "qualifier": "approx"}),
    ("The farm spans an acre.", "an acre", {"unit": "acre", "kind": "measure"}),
    # one space-separated thousands group counts only before a currency word
    ("The fine was 12 500 rand.", "12 500 rand", {"value": 12500.0, "unit": "ZAR"}),
    ("They bought 40 100 kilowatt pumps.", "100 kilowatt", {"value": 100.0, "unit": "kW"}),
    ("Teams 3 and 4 scored 2 100 points.", "100", {"value": 100.0}),
    # a sign after the currency symbol
    ("Net income was $-4.20 a share.", "$-4.20", {"kind": "money", "value": -4.2}),
]


@pytest.mark.parametrize(("text", "span", "expected"), KINDS)
def test_kinds_and_units(text: str, span: str, expected: dict[str, Any]) -> None:
    check(quantity(text, span), expected)


ROLES = [
    ("Sales fell in 2013.", "2013", "year"),
    ("By 2012, the fund was empty.", "2012", "year"),
    ("Cases rose between 2011 and 2013.", "2011", "year"),
    ("Cases rose between 2011 and 2013.", "2013", "year"),
    ("The 1990s were calm.", "1990s", "year"),
    ("Budgets were cut in 2012/13.", "2012/13", "year"),
    ("The 2009-10 season ended.", "2009-10", "year"),
    ("The raid began on February 19.", "19", "date"),
    ("The law passed Nov. 1 applies.", "1", "date"),
    ("On July 20 officers moved in.", "20", "date"),
    ("Published 2016-01-24 at dawn.", "2016-01-24", "date"),
    ("Meet on 5/17/2018 at noon.", "5/17/2018", "date"),
    ("The court sits on 3 March.", "3", "date"),
    ("Shipments run April 8 to 20.", "8 to 20", "date"),
    ("Posted at 10:39 local time.", "10:39", "time_of_day"),
    ("The blast came at 6pm.", "6pm", "time_of_day"),
    ("She finished third in the race.", "third", "ordinal"),
    ("It was the 21st attempt.", "21st", "ordinal"),
    ("He came second.", "second", "ordinal"),
    ("Voters backed a third term.", "a third", "ordinal"),
    ("Steps:\n1. Register online\n2) Pay the fee", "1", "list_number"),
    ("Steps:\n1. Register online\n2) Pay the fee", "2", "list_number"),
]


@pytest.mark.parametrize(("text", "span", "role"), ROLES)
def test_roles(text: str, span: str, role: str) -> None:
    assert quantity(text, span).role == role


def test_an_ordinal_word_keeps_its_place() -> None:
    assert quantity("Voters backed a fifth term.", "a fifth").value == 5.0


CONVERSIONS = [
    ("The price was 70,000 yuan ($11,300).", "70,000 yuan", 11300.0, "USD", "$11,300"),
    ("Income was 2,736 yuan, or 415 U.S. dollars.", "2,736 yuan", 415.0, "USD", "415 U.S. dollars"),
    ("Bribes reached 21,600 yuan (£2,160) each.", "21,600 yuan", 2160.0, "GBP", "£2,160"),
    ("He paid 3,000 yuan (HK$3,774).", "3,000 yuan", 3774.0, "HKD", "HK$3,774"),
    (
        "L2 lies 1,500,000 kilometres (930,000 mi) away.",
        "1,500,000 kilometres",
        930000.0,
        "mi",
        "930,000 mi",
    ),
]


@pytest.mark.parametrize(("text", "span", "value", "unit", "conv_text"), CONVERSIONS)
def test_conversions_are_one_quantity(
    text: str, span: str, value: float, unit: str, conv_text: str
) -> None:
    q = quantity(text, span)
    assert q.conversion is not None
    assert (q.conversion.value, q.conversion.unit, q.conversion.text) == (value, unit, conv_text)
    assert text[q.conversion.start : q.conversion.end] == conv_text
    assert [x.text for x in find_quantities(text)].count(conv_text) == 0


NOT_NUMBERS = [
    "The one you mentioned is gone.",
    "Which one do you prefer?",
    "One can only guess.",
    "Cases of COVID-19 rose.",
    "The object SCP 06F6 is faint.",
    "Call +44 20 7946 0958 now.",
    "Call (020) 7946-0958 today.",
    "See https://example.com/page?id=30%25 for more.",
    "Its address is 192.168.1.2 on the network.",
    "Boeing 777F jets landed.",
    "The 5G rollout began.",
    "The first half of the year was quiet.",
    "Its 13F filing was late.",
    "It was a one-off payment.",
    "Under Article 5 of the treaty, allies respond.",
    "Flight 370 vanished.",
    "He lives at No. 10.",
    "The quasar PKS J2310.7+4473 flared.",
    "It passed the milestone.",
]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Output was 61.4 N/A for the rest.", "61.4"),
        ("Shares of Maersk 12 A/S rose.", "12"),
        ("Stocks were 3,120.5 X-2,400,100 tonnes.", "3,120.5"),
    ],
)
def test_not_a_compound_unit(text: str, span: str) -> None:
    assert quantity(text, span).unit is None


@pytest.mark.parametrize(
    "text",
    [
        "Diesel sold at $4.10 a gallon.",
        "Wheat fetched 140 European currency units a tonne.",
        "Lime is spread at 0.4 grams a litre.",
        "They farm one-fifth of a hectare.",
        "Tariffs are set on a kilowatt/hour basis.",
    ],
)
def test_a_unit_after_a_figure_is_a_rate_not_one_unit(text: str) -> None:
    assert [q.text for q in find_quantities(text) if q.text.lower().startswith("a")] == []


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_things_that_are_not_amounts(text: str) -> None:
    assert [q.text for q in find_quantities(text) if q.role == "quantity"] == []


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Assets rose by 3.5 billion francs to 71.2 billion francs.",
            "3.5 billion francs",
            "71.2 billion francs",
        ),
        ("Unemployment fell from 5 to 4.2 percent.", "5", "4.2 percent"),
        ("Sales were up 19% to $10.05 billion.", "19%", "$10.05 billion"),
    ],
)
def test_a_change_is_not_a_range(text: str, first: str, second: str) -> None:
    a, b = quantity(text, first), quantity(text, second)
    assert a.qualifier != "range" and b.qualifier != "range"
    assert a.kind == b.kind or a.kind == "percent"


def test_one_as_a_number_is_kept() -> None:
    q = quantity("Only one person survived.", "one")
    assert (q.value, q.kind) == (1.0, "count")


def test_spans_are_exact_and_in_order() -> None:
    text = (
        "In 2013, about 1,000 people (roughly 3%) lost $2.5bn, aged 20 to 30; "
        "hundreds of others lost 12,000 yuan ($1,900) each on July 4 at 10:30."
    )
    found = find_quantities(text)
    assert [q.text for q in found] == [
        "2013",
        "1,000",
        "3%",
        "$2.5bn",
        "20 to 30",
        "hundreds",
        "12,000 yuan",
        "4",
        "10:30",
    ]
    for q in found:
        assert text[q.start : q.end] == q.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize("text", ["", " ", "no numbers at all", "a", "-", "$", "1"])
def test_small_inputs(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


def test_seed_headline_and_body_figures() -> None:
    """Acceptance figures from the seeds, at the quantity level."""
    texts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = {(q.text, q.qualifier, q.kind, q.unit) for q in find_quantities(texts)}
    assert ("1,094", "exact", "count", None) in found
    assert ("1,000", "at_least", "count", None) in found
    assert ("118", "approx", "ratio", "per 100") in found
    assert ("20,000 and 30,000 yuan", "range", "money", "CNY") in found
    assert ("fourteen", "exact", "count", None) in found
    assert ("1.4 billion", "approx", "count", None) in found
    assert ("1,000", "rounded", "count", None) in found  # "1,000 arrests" headline


def test_huge_and_long_inputs_stay_finite_and_linear() -> None:
    assert find_quantities("1" * 400) == []  # overflows a float: not a number
    assert all(math.isfinite(q.value) for q in find_quantities("9" * 300 + " million"))
    words = find_quantities(" ".join(["one two three"] * 300))
    assert [q.value for q in words[:3]] == [1.0, 2.0, 3.0] and len(words) == 900
