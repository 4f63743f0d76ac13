"""The nearest town to a geotag, offline: real UK and Irish coordinates, places abroad, odd input."""

from __future__ import annotations

import pytest

from audit.places import nearest_town, with_nearest_town


@pytest.mark.parametrize(
    ("latitude", "longitude", "town"),
    [
        (51.4816, -3.1791, "Cardiff"),  # the city centre
        (53.8008, -1.5491, "Leeds"),
        (51.6214, -3.9436, "Swansea"),
        (55.9533, -3.1883, "Edinburgh"),
        (54.5973, -5.9301, "Belfast"),
        (53.3498, -6.2603, "Dublin"),
        (53.2808, -3.8291, "Conwy"),  # a small town: the table goes down to 1,000 people
    ],
)
def test_nearest_town_to_real_places(latitude: float, longitude: float, town: str) -> None:
    assert nearest_town(latitude, longitude) == town


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(48.8566, 2.3522), (0.0, 0.0), (40.7128, -74.0060), (91.0, 0.0), (52.0, 200.0)],  # Paris, sea, NY, bad
)
def test_no_town_far_from_the_uk_and_ireland_or_for_impossible_points(
    latitude: float, longitude: float
) -> None:
    assert nearest_town(latitude, longitude) is None


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("51.48, -3.18", "51.48, -3.18 (near Cardiff)"),
        ("51.4816,-3.1791", "51.4816,-3.1791 (near Cardiff)"),
        (
            "Tŷ Coffi, Stryd Fawr, Conwy (53.2808,-3.8291)",
            "Tŷ Coffi, Stryd Fawr, Conwy (53.2808,-3.8291, near Conwy)",
        ),
        ("Leeds, England, United Kingdom", "Leeds, England, United Kingdom"),  # a name only: as it is
        ("48.8566,2.3522", "48.8566,2.3522"),  # abroad: no name rather than a wrong one
        ("Ward 12, bed 3", "Ward 12, bed 3"),  # numbers that are not a coordinate
    ],
)
def test_locations_get_the_nearest_town_beside_their_coordinates(location: str, shown: str) -> None:
    assert with_nearest_town(location) == shown
