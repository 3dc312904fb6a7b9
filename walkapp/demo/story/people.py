"""The demo's people and places: accounts, municipalities, localities, organisations."""

from datetime import date

# Users: one per role; every demo account has the password DEMO_PASSWORD (README lists them).
DEMO_PASSWORD = "walkapp-demo-2026"  # noqa: S105 - documented demo credential
USERS = [
    # email, name, role, municipality slug, organisation name (a police area officer: its area)
    ("admin@walkapp.example", "Alva Admin", "admin", None, None),
    ("chef@strangnas.example", "Sara Säkerhetschef", "safety_chief", "strangnas", None),
    ("ledare@strangnas.example", "Leo Vandringsledare", "walk_leader", "strangnas", None),
    (
        "teknik@strangnas.example",
        "Hanna Handläggare",
        "handler",
        "strangnas",
        "Teknik- och servicekontoret",
    ),
    (
        "polis@strangnas.example",
        "Peter Kommunpolis",
        "handler",
        "strangnas",
        "Lokalpolisområde Eskilstuna",
    ),
    ("deltagare@strangnas.example", "Dana Deltagare", "participant", "strangnas", None),
    ("chef@soderkoping.example", "Sixten Trygghetssamordnare", "safety_chief", "soderkoping", None),
    # The police's side of each municipality: co-writes and approves the follow-ups.
    (
        "kommunpolis@strangnas.example",
        "Kim Kommunpolis",
        "police_coordinator",
        "strangnas",
        "Lokalpolisområde Eskilstuna",
    ),
    (
        "kommunpolis@soderkoping.example",
        "Nora Kommunpolis",
        "police_coordinator",
        "soderkoping",
        "Lokalpolisområde Norrköping",
    ),
    # The police across Lokalpolisområde Eskilstuna, which signs Strängnäs' promises (the seeds):
    # reads every municipality of the area, changes nothing. Söderköping is Norrköping's area, so
    # of the demo's two municipalities only the national administrator reads both.
    (
        "lpo@eskilstuna.example",
        "Lars Lokalpolisområdet",
        "police_area",
        None,
        "Lokalpolisområde Eskilstuna",
    ),
]
# Who writes and signs for each side, per municipality (emails from USERS).
SIGNATORIES = {
    "strangnas": {
        "municipality": "chef@strangnas.example",
        "police": "kommunpolis@strangnas.example",
    },
    "soderkoping": {
        "municipality": "chef@soderkoping.example",
        "police": "kommunpolis@soderkoping.example",
    },
}

MUNICIPALITIES = [
    {
        "slug": "strangnas",
        "name": "Strängnäs kommun",
        "web_domain": "strangnas.se",
        "center": (59.3772, 17.0315),
        "zoom": 11,
        "local_epsg": 3010,  # SWEREF 99 16 30
        "follow_up_kind": "tertial",
        "chief_title": "Säkerhetschef",
        "police_area": "Lokalpolisområde Eskilstuna",
        "localities": [
            ("Strängnäs", 59.3772, 17.0315),
            ("Mariefred", 59.2597, 17.2237),
            ("Åkers styckebruk", 59.2495, 17.0915),
            ("Stallarholmen", 59.3640, 17.2080),
        ],
        # name, kind, contact address (every organisation has one: it is told of its actions)
        "organisations": [
            ("Lokalpolisområde Eskilstuna", "police", "eskilstuna@polisen.example"),
            ("Teknik- och servicekontoret", "municipal_unit", "tekniskservice@strangnas.example"),
            ("Socialtjänsten", "municipal_unit", "socialtjanst@strangnas.example"),
            (
                "Fastighetsägarnätverket Strängnäs",
                "property_owner",
                "natverket@fastighetsagare-strangnas.example",
            ),
            ("Trafikverket", "road_authority", "trafikverket@trafikverket.example"),
        ],
        "agreements": [
            ("Samverkansöverenskommelse 2016–2018", date(2016, 1, 1), date(2018, 12, 31)),
            ("Samverkansöverenskommelse 2020–2023", date(2020, 1, 1), date(2023, 12, 31)),
        ],
    },
    {
        "slug": "soderkoping",
        "name": "Söderköpings kommun",
        "web_domain": "soderkoping.se",
        "center": (58.4806, 16.3228),
        "zoom": 12,
        "local_epsg": 3010,
        "follow_up_kind": "half_year",
        "chief_title": "Trygghetssamordnare",
        "police_area": "Lokalpolisområde Norrköping",
        "localities": [("Söderköping", 58.4806, 16.3228), ("Mem", 58.4790, 16.4250)],
        "organisations": [
            ("Lokalpolisområde Norrköping", "police", "norrkoping@polisen.example"),
            ("Tekniska kontoret", "municipal_unit", "tekniska@soderkoping.example"),
            (
                "Fastighetsägare i Söderköpings centrum",
                "property_owner",
                "centrum@fastighetsagare-soderkoping.example",
            ),
            ("Trafikverket", "road_authority", "trafikverket@trafikverket.example"),
        ],
        "agreements": [],
    },
]

# Who answers questions about a promise, as its reports say it: offices, never a person's address.
CONTACT_STRANGNAS = (
    "Kommunpolisen i Strängnäs, via polisen.se (Lokalpolisområde Eskilstuna), och kommunens "
    "säkerhetschef, via Strängnäs kommuns växel."
)
CONTACT_SODERKOPING = (
    "Kommunpolisen i Söderköping, via polisen.se (Lokalpolisområde Norrköping), och kommunens "
    "trygghetssamordnare, via Söderköpings kommuns växel."
)
