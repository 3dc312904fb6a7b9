"""The demo municipalities' division of responsibility, and who owns some places."""

# Routing rules as the seed municipalities divide the work: (category, place owner or None for
# any owner, organisation). A rule for one owner wins over the rule for any owner.
ROUTING_NOTE = "enligt kommunens ansvarsfördelning"
_TECHNICAL_OFFICE = (
    "lighting_missing",
    "lighting_poor",
    "vegetation",
    "path_condition",
    "broken_fixture",
    "litter",
    "signage",
    "stop_station",
    "traffic_device",
    "graffiti",
)
_POLICE = ("gathering", "speeding", "reckless_driving", "parking")
_STATE_ROAD = ("speeding", "crossing", "junction_view")


def _routing(technical_office: str, police: str, property_owner: str) -> list[tuple]:
    return (
        [(code, None, technical_office) for code in _TECHNICAL_OFFICE]
        + [(code, None, police) for code in _POLICE]
        + [("graffiti", "private_property", property_owner)]
        + [(code, "state_road", "Trafikverket") for code in _STATE_ROAD]
    )


ROUTING = {
    "strangnas": _routing(
        "Teknik- och servicekontoret",
        "Lokalpolisområde Eskilstuna",
        "Fastighetsägarnätverket Strängnäs",
    ),
    "soderkoping": _routing(
        "Tekniska kontoret",
        "Lokalpolisområde Norrköping",
        "Fastighetsägare i Söderköpings centrum",
    ),
}

# Who owns the place of some observations (walk title, index in its list): the rest unknown.
PLACE_OWNERS = {
    ("Trygghetsvandring Söderköping centrum", 1): "private_property",  # graffiti on a property
    ("Trafikvandring Strängnäs", 0): "state_road",  # Eskilstunavägen, referred to Trafikverket
}
