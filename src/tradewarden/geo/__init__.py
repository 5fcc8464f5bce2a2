"""Destination and route screening: embargoes, occupied regions, diversion hubs, Caspian ports.

``screen_destination`` checks a country and region; ``screen_route`` checks origin, transit
countries, ports and the final destination. Data: ``geo/data/jurisdictions.yaml`` (generated from
the shared reference, every entry cited) and ``geo/data/place_names.yaml`` (spellings), read once.
"""

from __future__ import annotations

from tradewarden.geo.check import screen_destination
from tradewarden.geo.countries import Country, normalize_country
from tradewarden.geo.jurisdictions import Jurisdictions, load_jurisdictions
from tradewarden.geo.route import screen_route

__all__ = [
    "Country",
    "Jurisdictions",
    "load_jurisdictions",
    "normalize_country",
    "screen_destination",
    "screen_route",
]
