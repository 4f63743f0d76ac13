"""The nearest town to a geotag, found offline in a small table of UK and Irish towns.

A coordinate such as "51.4816,-3.1791" means little to a person; "near Cardiff" says at once that a
post gives away where they were. The table (``data/uk_towns.csv``, from GeoNames, CC BY 4.0: see
``data/LICENSE-GeoNames.txt``) holds the towns and villages of 1,000 people or more in the UK, Ireland,
the Isle of Man and the Channel Islands; a point further than ``NEAR_KM`` from all of them gets no name.
"""

from __future__ import annotations

import csv
import math
import re
from functools import cache
from importlib import resources

import numpy as np

NEAR_KM = 30.0  # further than this from every town in the table: no "near" (abroad, or at sea)
EARTH_KM = 6371.0
_POINT = re.compile(r"(?<![\d.])(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)(?![\d.])")


@cache
def _towns() -> tuple[list[str], np.ndarray]:
    """The town names and their coordinates in radians (read once, on first use)."""
    names: list[str] = []
    points: list[tuple[float, float]] = []
    with resources.files("audit").joinpath("data/uk_towns.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            names.append(row["name"])
            points.append((float(row["latitude"]), float(row["longitude"])))
    return names, np.radians(np.array(points))


@cache
def nearest_town(latitude: float, longitude: float) -> str | None:
    """The name of the town nearest the point, or None when none is within NEAR_KM."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    names, towns = _towns()
    lat, lon = math.radians(latitude), math.radians(longitude)
    # Haversine distance to every town at once: a couple of thousand rows, microseconds.
    dlat = towns[:, 0] - lat
    dlon = towns[:, 1] - lon
    a = np.sin(dlat / 2) ** 2 + math.cos(lat) * np.cos(towns[:, 0]) * np.sin(dlon / 2) ** 2
    distances = 2 * EARTH_KM * np.arcsin(np.sqrt(a))
    best = int(np.argmin(distances))
    return names[best] if distances[best] <= NEAR_KM else None


def with_nearest_town(location: str) -> str:
    """``location`` with "near <town>" after its coordinates, when it has some near a known town.

    "51.4816,-3.1791" -> "51.4816,-3.1791 (near Cardiff)";
    "Tŷ Coffi, Conwy (53.2808,-3.8291)" -> "Tŷ Coffi, Conwy (53.2808,-3.8291, near Conwy)".
    """
    found = _POINT.search(location)
    if found is None:
        return location
    town = nearest_town(float(found[1]), float(found[2]))
    if town is None:
        return location
    end = found.end()
    if location[end : end + 1] == ")":  # the point is already in brackets after a place name
        return f"{location[:end]}, near {town}{location[end:]}"
    return f"{location[:end]} (near {town}){location[end:]}"
