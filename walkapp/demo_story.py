"""The demo story as data: Strängnäs and Söderköping, their promises and their walks."""

from datetime import date

# Users: one per role; every demo account has the password DEMO_PASSWORD (README lists them).
DEMO_PASSWORD = "walkapp-demo-2026"  # noqa: S105 - documented demo credential
USERS = [
    # email, name, role, municipality slug, organisation name
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

# Promises: title, municipality, agreement title, period, follow-up rhythm (kind, the month its
# periods start from, days after a period's end its report is due), lägesbild (a key of
# SITUATIONS), situation text, focus areas, signed by, signed on, contact, commitments (text,
# responsible, activity kind, target, locality).
PROMISES = [
    {
        "municipality": "strangnas",
        "title": "Medborgarlöfte 2017",
        "agreement": "Samverkansöverenskommelse 2016–2018",
        "period": (date(2017, 1, 1), date(2017, 12, 31)),
        "follow_up_kind": "tertial",
        "period_start_month": 1,
        # The T1 summary names trafiknykterhetens dag on 18 May: published at the end of May.
        "report_due_days": 31,
        "situation_report": "strangnas-2017",
        "contact": CONTACT_STRANGNAS,
        "situation": (
            "I kommunen upplevs ett problem med buskörning; att fordon körs i höga hastigheter och "
            "stör ordning och skapar irritation och otrygghet.\n"
            "Vidare upplevs ett problem med unga som i centrala Strängnäs samlas i grupper och "
            "begår brott, ofredar andra och stör ordningen.\n"
            "Oro upplevs också på platser där man vistas ensam under dygnets mörka timmar."
        ),
        "focus_areas": [
            "Förebygga brott bland unga",
            "Droger",
            "Trafik",
            "Våld i offentlig miljö",
            "Trygghet i offentlig miljö",
        ],
        "signed_by": "Per Bäckström, kommunchef; Jacob Högfeldt, kommunstyrelsens ordförande; "
        "Christer Sjökvist, lokalpolisområdeschef",
        "signed_on": date(2017, 2, 1),
        "commitments": [
            (
                "Förebyggande av störningar i trafiken genom närvaro och synlighet; riktad trafikkontroll.",
                "police",
                "traffic_control",
                None,
                None,
            ),
            ("Samverkan med Strängnäs kommun: trafikvandring.", "both", "traffic_walk", 1, None),
            (
                "Samverkan med Strängnäs kommun beträffande unga som samlas i grupper, stör ordningen, begår brott och skapar otrygghet.",
                "both",
                "other",
                None,
                None,
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Strängnäs.",
                "both",
                "safety_walk",
                2,
                "Strängnäs",
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Mariefred.",
                "both",
                "safety_walk",
                2,
                "Mariefred",
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Åkers styckebruk.",
                "both",
                "safety_walk",
                2,
                "Åkers styckebruk",
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Stallarholmen.",
                "both",
                "safety_walk",
                2,
                "Stallarholmen",
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "title": "Medborgarlöfte 2018",
        "agreement": "Samverkansöverenskommelse 2016–2018",
        "period": (date(2018, 1, 1), date(2018, 12, 31)),
        "follow_up_kind": "tertial",
        # "Redovisas på polisen.se i början av maj och september 2018 samt januari 2019."
        "period_start_month": 1,
        "report_due_days": 10,
        "situation_report": "strangnas-2018",
        "contact": CONTACT_STRANGNAS,
        "situation": (
            "Lägesbilden för 2017 visar indikationer på oro bland Strängnäs ungdomar. Unga som "
            "etableras i kriminalitet har ökat det senaste året: narkotikarelaterade brott, men "
            "också skadegörelse, stölder och våldsrelaterade brott."
        ),
        "focus_areas": ["Unga och kriminalitet", "Narkotika"],
        "signed_by": "Cecilia Vikström, kommundirektör; Christer Sjökvist, lokalpolisområdeschef",
        "signed_on": date(2018, 2, 5),
        "commitments": [
            (
                "Polisen ska genomföra insatser för att minska användandet och förekomsten av narkotika, hos i synnerhet unga individer.",
                "police",
                "other",
                None,
                None,
            ),
            (
                "Polisen och Strängnäs kommun arbetar, i samverkan med andra aktörer, förebyggande för att unga inte ska begå kriminella handlingar.",
                "both",
                "other",
                None,
                None,
            ),
            (
                "Polisen och Strängnäs kommun genomför insatser mot de lokala problembilder som finns kopplade till unga och kriminalitet.",
                "both",
                "other",
                None,
                None,
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "title": "Medborgarlöfte 2021",
        "agreement": "Samverkansöverenskommelse 2020–2023",
        "period": (date(2021, 1, 1), date(2021, 12, 31)),
        "follow_up_kind": "tertial",
        "period_start_month": 1,
        "report_due_days": 14,
        "situation_report": "strangnas-2021",
        "contact": CONTACT_STRANGNAS,
        "situation": (
            "Medborgardialoger och polisens lägesbild pekar på unga på väg in i kriminalitet och "
            "narkotikamissbruk, samt störningar från mopedbilar och EPA-traktorer."
        ),
        "focus_areas": ["Unga och narkotika", "Trafik: mopedbilar och EPA-traktorer", "Trygghet"],
        "signed_by": "Strängnäs kommun och Lokalpolisområde Eskilstuna",
        "signed_on": date(2021, 2, 1),
        "commitments": [
            (
                "Områdespolisen och kommunpolisen fortsätter samverka med kommunen genom regelbundna möten, BRÅ och EST.",
                "police",
                "cooperation_meeting",
                None,
                None,
            ),
            (
                "Polisen genomför narkotikasök med hund på skolor i förebyggande syfte.",
                "police",
                "dog_search",
                None,
                None,
            ),
            (
                "Polisen fortsätter arbeta med Linköpingsmodellen i hemmiljön tillsammans med socialtjänsten.",
                "police",
                "home_visit",
                None,
                None,
            ),
            (
                "Polisen genomför insatser mot problematiken runt mopedbilar och EPA-traktorer.",
                "police",
                "traffic_control",
                None,
                None,
            ),
            (
                "Strängnäs kommun genomför i samverkan med polisen minst fyra trygghetsvandringar i kommunen.",
                "municipality",
                "safety_walk",
                4,
                None,
            ),
            (
                "Kommunen och polisen genomför en gemensam informationskampanj för föräldrar om mopedbilar och EPA-traktorer.",
                "both",
                "information",
                1,
                None,
            ),
            (
                "Kommunen samordnar minst två föräldraträffar på skolor där polisen medverkar.",
                "municipality",
                "parent_meeting",
                2,
                None,
            ),
        ],
    },
    {
        "municipality": "soderkoping",
        "title": "Medborgarlöfte 2017–2019",
        "agreement": None,
        "period": (date(2017, 1, 1), date(2019, 12, 31)),
        "follow_up_kind": "tertial",
        "period_start_month": 1,
        "report_due_days": 21,
        "situation_report": "soderkoping-2017",
        "contact": CONTACT_SODERKOPING,
        "situation": (
            "Problembilden från medborgardialogerna gäller skadegörelse och klotter samt behovet "
            "av att öka tryggheten genom ökad polisiär närvaro."
        ),
        "focus_areas": ["Skadegörelse och klotter", "Polisiär närvaro", "Trafik vid skolor"],
        "signed_by": "Söderköpings kommun och Lokalpolisområde Norrköping",
        "signed_on": date(2017, 3, 1),
        "commitments": [
            (
                "Genomföra informationsinsatser i skolan om konsekvenser av brott.",
                "police",
                "information",
                None,
                None,
            ),
            (
                "Genomföra hastighetskontroller i tätort och främst vid skolor.",
                "police",
                "traffic_control",
                None,
                None,
            ),
            (
                "Genomföra trygghetsvandringar för att öka tryggheten och se över belysningsproblematiken.",
                "both",
                "safety_walk",
                2,
                "Söderköping",
            ),
            (
                "Skapa ett forum för en bättre lägesbild om skadegörelse och klotter inför gemensamma insatser.",
                "both",
                "cooperation_meeting",
                None,
                None,
            ),
            (
                "Öka närvaron och tryggheten i centrala Söderköping genom fotpatrullering.",
                "police",
                "patrol",
                None,
                "Söderköping",
            ),
        ],
    },
    {
        "municipality": "soderkoping",
        "title": "Medborgarlöfte 2020–2022",
        "agreement": None,
        "period": (date(2020, 1, 1), date(2022, 12, 31)),
        # "Uppföljningen kommer att ske halvårsvis under maj och november": the halves run
        # November-April and May-October, each reported within the following month.
        "follow_up_kind": "half_year",
        "period_start_month": 11,
        "report_due_days": 30,
        "situation_report": "soderkoping-2020",
        "contact": CONTACT_SODERKOPING,
        "situation": (
            "Medborgardialogerna visar vikten av det förebyggande arbetet kring ungdomar och "
            "narkotikabrottslighet."
        ),
        "focus_areas": ["Ungdomar och narkotika", "Trygghetsarbete med fastighetsägare"],
        "signed_by": "Söderköpings kommun och Lokalpolisområde Norrköping",
        "signed_on": date(2020, 2, 1),
        "commitments": [
            ("Ökad synlighet.", "police", "patrol", None, None),
            (
                "Informationsinsatser till ungdomar och deras nätverk.",
                "both",
                "information",
                None,
                None,
            ),
            ("Arbete med orossamtal.", "both", "concern_talk", None, None),
            (
                "Kontinuerlig kartläggning av drogrelaterad brottslighet och anpassade insatser.",
                "police",
                "other",
                None,
                None,
            ),
            (
                "Ett strukturerat trygghetsarbete tillsammans med fastighetsägarna, bland annat trygghetsvandringar.",
                "both",
                "property_owner_meeting",
                None,
                None,
            ),
        ],
    },
]

# Outcomes say how far each observation has come: an action in that state, or a decision.
#   verified, done, in_progress, planned, open: an action in that state (and the observation follows)
#   rejected: the action was rejected and the observation closed without action
#   referred, long_term, no_action: a decision without an action of ours
#   received: not yet assessed; triaged: assessed, nothing more yet
WALKS = [
    {
        "municipality": "strangnas",
        "locality": "Strängnäs",
        "title": "Trygghetsvandring Strängnäs centrum",
        "kind": "safety",
        "starts_at": "2017-04-25T19:00",
        "light": "dark",
        "weather": "Mulet, 6 °C",
        "status": "followed_up",
        "commitments": [("Medborgarlöfte 2017", 4)],
        "observations": [
            (
                "lighting_missing",
                59.37445,
                17.03190,
                "Två lampor ur funktion på gångvägen mellan resecentrum och Nygatan.",
                3,
                0,
                "verified",
                "Teknik- och servicekontoret",
            ),
            (
                "vegetation",
                59.37600,
                17.02420,
                "Höga buskar skymmer sikten längs gångvägen vid Västerviken.",
                2,
                1,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "graffiti",
                59.37500,
                17.03300,
                "Klotter i gångtunneln under järnvägen, känns eftersatt.",
                2,
                1,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "gathering",
                59.37430,
                17.03250,
                "Grupper samlas vid resecentrum fredagskvällar, känns otryggt för ensamma resenärer.",
                2,
                0,
                "done",
                "Lokalpolisområde Eskilstuna",
            ),
            (
                "safe_place",
                59.37720,
                17.03150,
                "Stora torget: väl upplyst och folk i rörelse, känns tryggt.",
                1,
                3,
                "triaged",
                None,
            ),
            (
                "path_condition",
                59.37680,
                17.03350,
                "Ojämn asfalt på Nygatan, svårt med rullator och barnvagn.",
                2,
                2,
                "rejected",
                "Teknik- och servicekontoret",
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Strängnäs",
        "title": "Trafikvandring Strängnäs",
        "kind": "traffic",
        "starts_at": "2017-04-04T15:00",
        "light": "daylight",
        "weather": "Sol, 15 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2017", 2)],
        "observations": [
            (
                "speeding",
                59.37200,
                17.01500,
                "Höga hastigheter på Eskilstunavägen förbi bostadsområdet.",
                3,
                1,
                "referred",
                None,
            ),
            (
                "crossing",
                59.37950,
                17.02600,
                "Övergångsställe vid Paulinska skolan saknar belysning och refug.",
                3,
                1,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "school_route",
                59.37900,
                17.02700,
                "Trångt vid hämtning och lämning, bilar backar ut över gångbanan.",
                2,
                1,
                "long_term",
                None,
            ),
            (
                "reckless_driving",
                59.37760,
                17.03220,
                "EPA-traktorer kör i hög fart på Storgatan kvällstid.",
                2,
                1,
                "done",
                "Lokalpolisområde Eskilstuna",
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Mariefred",
        "title": "Trygghetsvandring Mariefred",
        "kind": "safety",
        "starts_at": "2017-09-26T19:30",
        "light": "dark",
        "weather": "Klart, 9 °C",
        "status": "followed_up",
        "commitments": [("Medborgarlöfte 2017", 5)],
        "observations": [
            (
                "lighting_poor",
                59.25850,
                17.22620,
                "Svag belysning vid stationen, långt mellan lamporna.",
                2,
                1,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "isolated",
                59.25620,
                17.21900,
                "Gångvägen mot Gripsholms slott är öde och mörk på kvällen.",
                2,
                1,
                "no_action",
                None,
            ),
            (
                "broken_fixture",
                59.26000,
                17.22250,
                "Trasig parkbänk och papperskorg på Storgatan.",
                1,
                2,
                "verified",
                "Teknik- och servicekontoret",
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Åkers styckebruk",
        "title": "Trygghetsvandring Åkers styckebruk",
        "kind": "safety",
        "starts_at": "2017-10-10T19:00",
        "light": "dark",
        "weather": "Regn, 7 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2017", 6)],
        "observations": [
            (
                "stop_station",
                59.24800,
                17.08800,
                "Perrongen vid stationen känns otrygg, ingen väntsal öppen.",
                2,
                0,
                "referred",
                None,
            ),
            (
                "underpass",
                59.24900,
                17.09000,
                "Gångtunneln under vägen är mörk och har klotter.",
                3,
                0,
                "done",
                "Teknik- och servicekontoret",
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Stallarholmen",
        "title": "Trygghetsvandring Stallarholmen",
        "kind": "safety",
        "starts_at": "2017-10-24T19:00",
        "light": "dark",
        "weather": "Blåsigt, 5 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2017", 7)],
        "observations": [
            (
                "lighting_missing",
                59.36420,
                17.20750,
                "Belysning saknas på gång- och cykelvägen mot skolan.",
                3,
                0,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "activity_lack",
                59.36380,
                17.20900,
                "Förslag: aktivitetsyta för unga vid centrum.",
                1,
                2,
                "long_term",
                None,
            ),
        ],
    },
    # "Trygghetsvandringar i alla orterna med tillhörande uppföljningar under 2017": each walk
    # is walked again, and its participants mark the earlier observations (index: verdict).
    {
        "municipality": "strangnas",
        "locality": "Strängnäs",
        "title": "Uppföljning trygghetsvandring Strängnäs centrum",
        "kind": "safety",
        "starts_at": "2017-06-13T19:00",
        "light": "dusk",
        "weather": "Klart, 16 °C",
        "status": "followed_up",
        "commitments": [("Medborgarlöfte 2017", 4)],
        "repeat_of": "Trygghetsvandring Strängnäs centrum",
        "checks": {0: "fixed", 1: "fixed", 2: "fixed", 3: "still_a_problem", 5: "still_a_problem"},
        "observations": [
            (
                "litter",
                59.37460,
                17.03210,
                "Nedskräpning kring bänkarna vid resecentrum efter helgerna.",
                1,
                2,
                "verified",
                "Teknik- och servicekontoret",
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Mariefred",
        "title": "Uppföljning trygghetsvandring Mariefred",
        "kind": "safety",
        "starts_at": "2017-11-21T18:30",
        "light": "dark",
        "weather": "Mulet, 3 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2017", 5)],
        "repeat_of": "Trygghetsvandring Mariefred",
        "checks": {0: "fixed", 1: "still_a_problem", 2: "fixed"},
        "observations": [],
    },
    {
        "municipality": "strangnas",
        "locality": "Åkers styckebruk",
        "title": "Uppföljning trygghetsvandring Åkers styckebruk",
        "kind": "safety",
        "starts_at": "2017-12-05T18:00",
        "light": "dark",
        "weather": "Snöblandat regn, 1 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2017", 6)],
        "repeat_of": "Trygghetsvandring Åkers styckebruk",
        "checks": {0: "still_a_problem", 1: "fixed"},
        "observations": [],
    },
    {
        "municipality": "strangnas",
        "locality": "Stallarholmen",
        "title": "Uppföljning trygghetsvandring Stallarholmen",
        "kind": "safety",
        "starts_at": "2017-12-12T18:00",
        "light": "dark",
        "weather": "Klart, -4 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2017", 7)],
        "repeat_of": "Trygghetsvandring Stallarholmen",
        "checks": {0: "fixed", 1: "still_a_problem"},
        "observations": [],
    },
    {
        "municipality": "strangnas",
        "locality": "Strängnäs",
        "title": "Trygghetsvandring Strängnäs 2021",
        "kind": "safety",
        "starts_at": "2021-10-12T18:30",
        "light": "dark",
        "weather": "Mulet, 8 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2021", 5)],
        "participant_user": True,
        "observations": [
            (
                "lighting_missing",
                59.37480,
                17.03050,
                "Lampan vid cykelparkeringen på resecentrum är trasig igen.",
                3,
                0,
                "verified",
                "Teknik- och servicekontoret",
            ),
            (
                "reckless_driving",
                59.37740,
                17.03000,
                "Mopedbilar kör i grupp runt torget sena kvällar.",
                2,
                1,
                "done",
                "Lokalpolisområde Eskilstuna",
            ),
            (
                "sightlines",
                59.37860,
                17.02830,
                "Mur och buskar vid domkyrkan ger gömställen längs gångstigen.",
                2,
                1,
                "received",
                None,
            ),
            (
                "safe_place",
                59.37650,
                17.02450,
                "Västerviken: ny belysning längs strandpromenaden känns bra.",
                1,
                3,
                "triaged",
                None,
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Mariefred",
        "title": "Trygghetsvandring Mariefred 2021",
        "kind": "safety",
        "starts_at": "2021-11-09T18:00",
        "light": "dark",
        "weather": "Dis, 4 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2021", 5)],
        "repeat_of": "Trygghetsvandring Mariefred",
        "observations": [
            (
                "litter",
                59.26050,
                17.22400,
                "Nedskräpning vid kyrkogatans återvinningsstation.",
                1,
                2,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "junction_view",
                59.25950,
                17.22500,
                "Parkerade bilar skymmer sikten i korsningen mot hamnen.",
                2,
                1,
                "received",
                None,
            ),
            (
                "gathering",
                59.25990,
                17.22310,
                "Ungdomar samlas vid bryggan på kvällarna, en som heter Kalle langar där.",
                2,
                1,
                "received",
                None,
            ),
        ],
    },
    # This year's promise (CURRENT): walks held, one under way, one planned, and open work.
    {
        "municipality": "strangnas",
        "locality": "Stallarholmen",
        "title": "Trygghetsvandring Stallarholmen i vår",
        "kind": "safety",
        "starts_at": "YEAR-04-21T19:30",
        "light": "dusk",
        "weather": "Klart, 8 °C",
        "status": "followed_up",
        "commitments": [("CURRENT", 5)],
        "observations": [
            (
                "lighting_poor",
                59.36400,
                17.20820,
                "Svag belysning vid busshållplatsen i centrum.",
                2,
                1,
                "verified",
                "Teknik- och servicekontoret",
            ),
            (
                "safe_place",
                59.36450,
                17.20700,
                "Skolgården är upplyst och välbesökt på kvällen.",
                1,
                3,
                "triaged",
                None,
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Mariefred",
        "title": "Trygghetsvandring Mariefred hamnen",
        "kind": "safety",
        "starts_at": "TODAY-24T18:00",
        "light": "dark",
        "weather": "Mulet, 6 °C",
        "status": "closed",
        "commitments": [("CURRENT", 5)],
        "observations": [
            (
                "lighting_missing",
                59.25930,
                17.22480,
                "Belysningen på gångvägen längs hamnen är släckt sedan stormen.",
                3,
                0,
                "in_progress",
                "Teknik- och servicekontoret",
            ),
            (
                "vegetation",
                59.25880,
                17.22150,
                "Buskage skymmer sikten vid gångvägen mot stationen.",
                2,
                1,
                "planned",
                "Teknik- och servicekontoret",
            ),
            (
                "graffiti",
                59.26020,
                17.22330,
                "Klotter på elskåpet vid busshållplatsen.",
                1,
                1,
                "open",
                "Teknik- och servicekontoret",
            ),
            (
                "gathering",
                59.25990,
                17.22600,
                "Mopedbilar samlas vid hamnplanen sena kvällar och kör runt i grupp.",
                2,
                1,
                "in_progress",
                "Lokalpolisområde Eskilstuna",
            ),
            (
                "broken_fixture",
                59.26010,
                17.22420,
                "Trasig papperskorg vid bryggan.",
                1,
                2,
                "done",
                "Teknik- och servicekontoret",
            ),
            (
                "safe_place",
                59.25970,
                17.22380,
                "Torget med den nya belysningen känns tryggt.",
                1,
                3,
                "triaged",
                None,
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Strängnäs",
        "title": "Trygghetsvandring Strängnäs resecentrum",
        "kind": "safety",
        "starts_at": "TODAY-1T18:00",
        "light": "dark",
        "weather": "Kallt, klart",
        "status": "active",
        "join_code": "STRNAS",
        "commitments": [("CURRENT", 5)],
        "participant_user": True,
        "observations": [
            (
                "lighting_poor",
                59.37420,
                17.03280,
                "Bländande strålkastare vid bussfickan, svårt att se.",
                2,
                1,
                "received",
                None,
            ),
            (
                "safe_place",
                59.37460,
                17.03120,
                "Väntsalen är öppen och bemannad, känns tryggt.",
                1,
                3,
                "received",
                None,
            ),
        ],
    },
    {
        "municipality": "strangnas",
        "locality": "Åkers styckebruk",
        "title": "Trafikvandring Åkers styckebruk",
        "kind": "traffic",
        "starts_at": "TODAY+7T15:00",
        "light": "daylight",
        "weather": "",
        "status": "planned",
        "commitments": [("CURRENT", 6)],
        "observations": [],
    },
    {
        "municipality": "soderkoping",
        "locality": "Söderköping",
        "title": "Trygghetsvandring Söderköping centrum",
        "kind": "safety",
        "starts_at": "2018-10-16T19:00",
        "light": "dark",
        "weather": "Klart, 6 °C",
        "status": "followed_up",
        "commitments": [("Medborgarlöfte 2017–2019", 3)],
        "observations": [
            (
                "lighting_missing",
                58.48300,
                16.31500,
                "Belysning saknas längs kanalen vid slussarna.",
                3,
                0,
                "verified",
                "Tekniska kontoret",
            ),
            (
                "graffiti",
                58.48060,
                16.32280,
                "Klotter på fastigheter vid Rådhustorget.",
                2,
                1,
                "done",
                "Fastighetsägare i Söderköpings centrum",
            ),
            (
                "speeding",
                58.47900,
                16.32600,
                "Höga hastigheter förbi skolan på morgonen.",
                3,
                1,
                "done",
                "Lokalpolisområde Norrköping",
            ),
            (
                "vegetation",
                58.48400,
                16.31100,
                "Vegetation skymmer trappan upp mot Ramunderberget.",
                2,
                1,
                "rejected",
                "Tekniska kontoret",
            ),
        ],
    },
    {
        "municipality": "soderkoping",
        "locality": "Söderköping",
        "title": "Trygghetsvandring med fastighetsägarna",
        "kind": "safety",
        "starts_at": "2021-10-05T18:30",
        "light": "dusk",
        "weather": "Mulet, 10 °C",
        "status": "closed",
        "commitments": [("Medborgarlöfte 2020–2022", 5)],
        "observations": [
            (
                "sightlines",
                58.48020,
                16.32450,
                "Baksidan av butikerna på Storgatan saknar insyn.",
                2,
                1,
                "done",
                "Fastighetsägare i Söderköpings centrum",
            ),
            (
                "lighting_poor",
                58.47700,
                16.32700,
                "Svag belysning på parkeringen vid brunnsparken.",
                2,
                1,
                "verified",
                "Tekniska kontoret",
            ),
        ],
    },
]

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


# ---------- this year's promise ----------


def current_promise(year: int) -> dict:
    """Strängnäs' promise for the current year, so the demo shows live work (title by year)."""
    return {
        "municipality": "strangnas",
        "title": f"Medborgarlöfte {year}",
        "agreement": None,
        "period": (date(year, 1, 1), date(year, 12, 31)),
        "follow_up_kind": "tertial",
        "period_start_month": 1,
        "report_due_days": 14,
        "situation_report": "strangnas-current",
        "contact": CONTACT_STRANGNAS,
        "situation": (
            "Unga som dras in i kriminalitet och narkotika är fortfarande kommunens och polisens "
            "största gemensamma oro. Trygghetsvandringarna visar att belysning och mopedbilar "
            "som samlas kvällstid gör resecentrum och hamnen i Mariefred otrygga."
        ),
        "focus_areas": ["Unga och narkotika", "Trafik: mopedbilar och EPA-traktorer", "Trygghet"],
        "signed_by": "Kommundirektören, Strängnäs kommun; lokalpolisområdeschefen, "
        "Lokalpolisområde Eskilstuna",
        "signed_on": date(year, 2, 3),
        "commitments": [
            (
                "Områdespolisen och kommunpolisen samverkar med kommunen genom regelbundna möten, "
                "BRÅ och EST.",
                "both",
                "cooperation_meeting",
                None,
                None,
            ),
            (
                "Polisen genomför narkotikasök med hund på skolor i förebyggande syfte.",
                "police",
                "dog_search",
                4,
                None,
            ),
            (
                "Polisen arbetar med Linköpingsmodellen i hemmiljön tillsammans med socialtjänsten.",
                "police",
                "home_visit",
                None,
                None,
            ),
            (
                "Polisen genomför trafikkontroller mot mopedbilar och EPA-traktorer.",
                "police",
                "traffic_control",
                None,
                None,
            ),
            (
                "Kommunen genomför i samverkan med polisen minst fyra trygghetsvandringar.",
                "municipality",
                "safety_walk",
                4,
                None,
            ),
            (
                "Kommunen och polisen genomför en trafikvandring i Åkers styckebruk.",
                "both",
                "traffic_walk",
                1,
                "Åkers styckebruk",
            ),
            (
                "Kommunen samordnar minst två föräldraträffar på skolor där polisen medverkar.",
                "municipality",
                "parent_meeting",
                2,
                None,
            ),
            (
                "Polisen fotpatrullerar vid resecentrum och i hamnen i Mariefred kvällstid.",
                "police",
                "patrol",
                None,
                None,
            ),
        ],
    }


# ---------- lägesbilder ----------

# A dated lägesbild per municipality and promise: its sources in the seed pages' own words.
# "walks": (first, last) day of the walks whose figures it freezes, or None.
SITUATIONS = [
    {
        "key": "strangnas-2017",
        "municipality": "strangnas",
        "dated_on": date(2017, 1, 16),
        "title": "Gemensam lägesbild 2017",
        "summary": (
            "Buskörning med fordon i höga hastigheter stör ordningen och skapar otrygghet. Unga "
            "samlas i grupper i centrala Strängnäs, begår brott, ofredar andra och stör ordningen. "
            "Oro på platser där man vistas ensam under dygnets mörka timmar."
        ),
        "sources": [
            ("reported_crime", "Analys av anmälda brott i kommunen 2016."),
            ("citizen_dialogue", "Medborgardialoger som genomförs årligen i kommunens orter."),
            ("police_intelligence", "Information från polisens underrättelsetjänst."),
            ("safety_survey", "Analys av genomförda trygghetsundersökningar."),
        ],
        "walks": None,
    },
    {
        "key": "strangnas-2018",
        "municipality": "strangnas",
        "dated_on": date(2018, 1, 15),
        "title": "Lokal lägesbild 2018",
        "summary": (
            "Lägesbilden för 2017 visar indikationer på oro bland Strängnäs ungdomar: unga som "
            "etableras i kriminalitet har ökat det senaste året, med narkotikarelaterade brott men "
            "också skadegörelse, stölder och våldsrelaterade brott. Lägesbilden avspeglar sig på "
            "samtliga kommundelar."
        ),
        "sources": [
            ("citizen_dialogue", "Medborgardialoger och medarbetardialoger."),
            ("police_intelligence", "Polismyndighetens kriminalunderrättelsetjänst."),
        ],
        "walks": (date(2017, 1, 1), date(2017, 12, 31)),
    },
    {
        "key": "strangnas-2021",
        "municipality": "strangnas",
        "dated_on": date(2021, 1, 18),
        "title": "Gemensam lägesbild 2021",
        "summary": (
            "Ungdomar på väg in i kriminalitet och narkotikamissbruk, och störningar från "
            "mopedbilar och EPA-traktorer."
        ),
        "sources": [
            ("citizen_dialogue", "Medborgardialoger under hösten 2020."),
            ("police_intelligence", "Polisens lägesbild för lokalpolisområdet."),
            ("reported_crime", "Anmälda narkotikabrott och trafikbrott 2020."),
        ],
        "walks": None,
    },
    {
        "key": "strangnas-current",
        "municipality": "strangnas",
        "dated_on": "CURRENT-01-19",
        "title": "Gemensam lägesbild CURRENT",
        "summary": (
            "Unga som dras in i kriminalitet och narkotika; mopedbilar och EPA-traktorer som "
            "samlas kvällstid; mörka gångvägar vid resecentrum och i hamnen i Mariefred."
        ),
        "sources": [
            ("reported_crime", "Anmälda brott i kommunen förra året, per ort."),
            ("safety_survey", "Polisens trygghetsmätning i lokalpolisområdet."),
            ("citizen_dialogue", "Medborgardialoger i Strängnäs och Mariefred."),
            ("police_intelligence", "Polisens underrättelseinformation om unga och narkotika."),
            ("walks", "Trygghetsvandringarna sedan 2021, per ort och ljusförhållanden."),
        ],
        "walks": ("2021-01-01", "PREVIOUS-12-31"),
    },
    {
        "key": "soderkoping-2017",
        "municipality": "soderkoping",
        "dated_on": date(2017, 2, 6),
        "title": "Lokal problembild 2017",
        "summary": (
            "Skadegörelse och klotter, och behovet av att öka tryggheten genom ökad polisiär "
            "närvaro. Problembilden gäller fortfarande 2018–2019."
        ),
        "sources": [
            ("citizen_dialogue", "Medborgardialoger som tagit fram och prioriterat problembilden."),
            ("reported_crime", "Anmäld skadegörelse och klotter i centrala Söderköping."),
        ],
        "walks": None,
    },
    {
        "key": "soderkoping-2020",
        "municipality": "soderkoping",
        "dated_on": date(2020, 1, 13),
        "title": "Lokal problembild 2020–2022",
        "summary": (
            "Vikten av det förebyggande arbetet kring ungdomar och narkotikabrottslighet, som "
            "medborgardialogerna lyfte fram."
        ),
        "sources": [
            ("citizen_dialogue", "Medborgardialoger och medarbetardialoger."),
            ("police_intelligence", "Egen kunskap hos polisen om narkotikabrottsligheten."),
            ("other", "Egen kunskap hos kommunen, bland annat skolan och socialtjänsten."),
        ],
        "walks": (date(2018, 1, 1), date(2019, 12, 31)),
    },
]


# ---------- activities ----------

# What was done, as the seed pages list it, per promise (CURRENT: this year's, dates as
# (month, day)): (date, kind, count, quantity, note, commitment positions it counts toward,
# side that logged it). Quantity: vehicles checked, hours of patrol, people reached, parents.
_BRA = "Samverkan för att etablera lokalt BRÅ i "
_LKPG = "Linköpingsmodellen: hembesök med socialtjänsten hos unga som misstänks använda narkotika"
_BRA_EST = "BRÅ- och EST-möten med kommunen för att tidigt upptäcka unga på väg in i kriminalitet"
_PATROL_SK = "Fotpatrullering i centrala Söderköping"
_MAPPING = "Kartläggning av drogrelaterad brottslighet: gemensam genomgång och anpassade insatser"
P, M = "police", "municipality"
# fmt: off
ACTIVITIES = {
    "Medborgarlöfte 2017": [
        # Tertial 1 as the police summed it up (January to the end of April 2017), then the rest.
        (date(2017, 1, 19), "traffic_control", 2, 64, "Riktade trafikkontroller på infarterna till Strängnäs, ingripandeverksamheten", (1,), P),
        (date(2017, 2, 16), "traffic_control", 3, 142, "Hastighets- och nykterhetskontroller i Strängnäs och Mariefred, trafikenheten", (1,), P),
        (date(2017, 3, 23), "traffic_control", 2, 58, "Kontroller av mopeder och EPA-traktorer i centrala Strängnäs, områdespolisen", (1,), P),
        (date(2017, 4, 20), "traffic_control", 2, 97, "Trafikkontroller i Åkers styckebruk och Stallarholmen", (1,), P),
        (date(2017, 1, 26), "cooperation_meeting", 3, None, "Möten mellan kommun och polis och andra samverkansaktörer", (3,), P),
        (date(2017, 2, 9), "cooperation_meeting", 4, None, "Samverkan med socialtjänsten om ungdomar och droger", (3,), P),
        (date(2017, 2, 15), "home_visit", 3, None, _LKPG, (3,), P),
        (date(2017, 4, 5), "home_visit", 2, None, _LKPG, (3,), P),
        (date(2017, 2, 24), "patrol", 6, 18, "Fotpatruller i centrala Strängnäs fredags- och lördagskvällar: trygghetsskapande, synlighet", (3,), P),
        (date(2017, 3, 31), "patrol", 5, 15, "Fotpatruller i Strängnäs och Mariefred: trygghetsskapande, synlighet", (3,), P),
        (date(2017, 4, 28), "patrol", 4, 12, "Fotpatruller vid resecentrum och Västerviken", (3,), P),
        (date(2017, 2, 14), "property_owner_meeting", 1, None, "Fastighetsägarnätverket: trygghetsfrågor i bostadsområdena", (3,), M),
        (date(2017, 4, 11), "property_owner_meeting", 1, None, "Fastighetsägarnätverket: belysning och insyn på gårdarna", (3,), M),
        (date(2017, 3, 9), "citizen_dialogue", 1, 38, "Medborgardialog i Strängnäs om tryggheten i kommunen", (3,), M),
        (date(2017, 3, 29), "citizen_dialogue", 1, 24, "Medborgardialog i Mariefred om tryggheten i kommunen", (3,), M),
        (date(2017, 3, 16), "school_visit", 5, None, "Strukturerade samverkansmöten med skolor i kommunen", (3,), P),
        (date(2017, 2, 22), "cooperation_meeting", 1, None, _BRA + "Stallarholmen", (3,), M),
        (date(2017, 3, 22), "cooperation_meeting", 1, None, _BRA + "Åkers styckebruk", (3,), M),
        (date(2017, 4, 19), "cooperation_meeting", 1, None, _BRA + "Mariefred", (3,), M),
        (date(2017, 3, 2), "cooperation_meeting", 1, None, "Samverkan med Migrationsverket om flyktingboenden i kommunen", (3,), P),
        (date(2017, 4, 12), "cooperation_meeting", 1, None, "Samverkansmöte med kommunen på temat Trygghet på perrong, om nya resecentrum", (3,), P),
        (date(2017, 3, 25), "other", 4, None, "Polisvolontärer i trygghetsskapande arbete i centrum", (3,), P),
        (date(2017, 5, 18), "traffic_control", 1, 412, "Trafiknykterhetens dag: nykterhetskontroller i hela kommunen", (1,), P),
        (date(2017, 6, 9), "traffic_control", 3, 120, "Kontroller av mopeder och EPA-traktorer kring skolavslutningen", (1,), P),
        (date(2017, 9, 14), "traffic_control", 2, 88, "Hastighetskontroller vid skolorna efter skolstarten", (1,), P),
        (date(2017, 6, 16), "patrol", 8, 24, "Fotpatruller under sommarkvällar i Strängnäs och Mariefred", (3,), P),
        (date(2017, 10, 20), "patrol", 6, 18, "Fotpatruller vid resecentrum", (3,), P),
        (date(2017, 9, 20), "home_visit", 3, None, _LKPG, (3,), P),
        (date(2017, 11, 8), "cooperation_meeting", 1, None, "Lokalt BRÅ i Stallarholmen: första mötet", (3,), M),
    ],
    "Medborgarlöfte 2018": [
        (date(2018, 1, 24), "home_visit", 4, None, _LKPG, (1,), P),
        (date(2018, 2, 21), "dog_search", 2, None, "Narkotikasök med hund på två skolor", (1, 2), P),
        (date(2018, 3, 14), "traffic_control", 3, 46, "Riktade kontroller mot förare påverkade av narkotika", (1,), P),
        (date(2018, 2, 7), "cooperation_meeting", 5, None, "Samverkansmöten med socialtjänsten och skolorna om unga i riskzonen", (2,), M),
        (date(2018, 3, 20), "parent_meeting", 1, 85, "Föräldramöte om droger på en högstadieskola", (2,), M),
        (date(2018, 4, 13), "patrol", 6, 18, "Fotpatruller vid resecentrum och Västerviken där unga samlas kvällstid", (3,), P),
        (date(2018, 4, 10), "property_owner_meeting", 1, None, "Fastighetsägarnätverket om skadegörelse och stölder i källarförråd", (3,), M),
        (date(2018, 5, 16), "home_visit", 3, None, _LKPG, (1,), P),
        (date(2018, 6, 8), "patrol", 10, 32, "Fotpatruller kring skolavslutningen och sommarens evenemang", (3,), P),
        (date(2018, 6, 5), "information", 1, 600, "Brev till föräldrar inför sommarlovet om alkohol och narkotika", (2,), M),
        (date(2018, 8, 16), "cooperation_meeting", 2, None, "EST-möten: samordning kring unga som syns i flera verksamheter", (2, 3), P),
        (date(2018, 7, 12), "traffic_control", 2, 75, "Kontroller av mopeder och EPA-traktorer i Strängnäs och Mariefred", (3,), P),
        (date(2018, 9, 12), "dog_search", 3, None, "Narkotikasök med hund på tre skolor", (1, 2), P),
        (date(2018, 10, 3), "school_visit", 6, 420, "Lektioner på högstadiet om konsekvenser av brott", (2,), P),
        (date(2018, 10, 24), "home_visit", 4, None, _LKPG, (1,), P),
        (date(2018, 11, 14), "parent_meeting", 1, 60, "Föräldraträff om unga och narkotika i Mariefred", (2,), M),
        (date(2018, 11, 28), "patrol", 5, 15, "Fotpatruller i centrum inför jul", (3,), P),
        (date(2018, 12, 5), "citizen_dialogue", 1, 31, "Medborgardialog inför medborgarlöftet 2019", (3,), M),
    ],
    "Medborgarlöfte 2021": [
        (date(2021, 2, 10), "cooperation_meeting", 3, None, _BRA_EST, (1,), P),
        (date(2021, 5, 12), "cooperation_meeting", 3, None, _BRA_EST, (1,), P),
        (date(2021, 9, 15), "cooperation_meeting", 4, None, _BRA_EST, (1,), P),
        (date(2021, 3, 4), "dog_search", 2, None, "Narkotikasök med hund på två högstadieskolor", (2,), P),
        (date(2021, 10, 7), "dog_search", 2, None, "Narkotikasök med hund på gymnasiet och en högstadieskola", (2,), P),
        (date(2021, 2, 24), "home_visit", 3, None, _LKPG, (3,), P),
        (date(2021, 6, 16), "home_visit", 2, None, _LKPG, (3,), P),
        (date(2021, 11, 10), "home_visit", 4, None, _LKPG, (3,), P),
        (date(2021, 4, 16), "traffic_control", 1, 36, "Kontroll av mopedbilar vid Eldsundsskolan", (4,), P),
        (date(2021, 6, 4), "traffic_control", 2, 84, "Trafikkontroller Mariefred, skolavslutning", (4,), P),
        (date(2021, 9, 24), "traffic_control", 1, 41, "Kontroll av EPA-traktorer, Strängnäs centrum", (4,), P),
        (date(2021, 4, 28), "information", 1, 1200, "Informationskampanj: brev till föräldrar om mopedbilar och EPA-traktorer", (6,), M),
        # The parent meeting with its letter counts for the campaign and the parent meetings.
        (date(2021, 5, 20), "parent_meeting", 1, 70, "Föräldramöte och brev om mopedbilar till årskurs 8", (6, 7), M),
        (date(2021, 10, 21), "parent_meeting", 1, 55, "Föräldraträff i Mariefred om narkotika och sociala medier", (7,), M),
    ],
    "Medborgarlöfte 2017–2019": [
        (date(2017, 4, 19), "information", 2, 180, "Information i skolan om konsekvenser av brott, årskurs 7", (1,), P),
        (date(2017, 5, 10), "traffic_control", 3, 150, "Hastighetskontroller vid skolorna i tätorten", (2,), P),
        (date(2017, 9, 27), "cooperation_meeting", 1, None, "Klotterforum: första mötet med kommunen och fastighetsägarna", (4,), M),
        (date(2017, 10, 13), "patrol", 8, 20, _PATROL_SK, (5,), P),
        (date(2018, 1, 31), "patrol", 10, 25, _PATROL_SK, (5,), P),
        (date(2018, 2, 8), "information", 3, 240, "Information i skolan om konsekvenser av brott, årskurs 7–9", (1,), P),
        (date(2018, 2, 21), "cooperation_meeting", 1, None, "Klotterforum: gemensam lägesbild över skadegörelse och klotter", (4,), M),
        (date(2018, 3, 15), "traffic_control", 4, 210, "Hastighetskontroller vid skolorna i tätorten", (2,), P),
        (date(2018, 3, 28), "patrol", 8, 20, _PATROL_SK, (5,), P),
        (date(2018, 4, 18), "traffic_control", 2, 95, "Hastighetskontroller vid skolorna i tätorten", (2,), P),
        (date(2018, 6, 7), "traffic_control", 3, 130, "Hastighetskontroller vid skolorna före sommarlovet", (2,), P),
        (date(2018, 7, 14), "patrol", 12, 36, "Fotpatrullering i centrala Söderköping under sommaren", (5,), P),
        (date(2018, 9, 6), "traffic_control", 4, 190, "Hastighetskontroller vid skolorna efter skolstarten", (2,), P),
        (date(2018, 10, 10), "information", 2, 160, "Information i skolan om konsekvenser av brott", (1,), P),
        (date(2018, 11, 7), "cooperation_meeting", 1, None, "Klotterforum: gemensam insats mot klotter kring Rådhustorget", (4,), M),
        (date(2018, 11, 21), "patrol", 9, 22, _PATROL_SK, (5,), P),
        (date(2018, 12, 14), "patrol", 6, 15, "Fotpatrullering vid julmarknaden i centrala Söderköping", (5,), P),
        (date(2019, 3, 14), "traffic_control", 3, 140, "Hastighetskontroller vid skolorna i tätorten", (2,), P),
        (date(2019, 5, 22), "patrol", 10, 28, _PATROL_SK, (5,), P),
        (date(2019, 10, 9), "information", 2, 170, "Information i skolan om konsekvenser av brott", (1,), P),
    ],
    "Medborgarlöfte 2020–2022": [
        (date(2020, 2, 5), "property_owner_meeting", 1, None, "Möte med fastighetsägarna i centrum om trygghetsarbetet", (5,), M),
        (date(2020, 2, 20), "patrol", 8, 20, "Fotpatrullering i centrum och vid skolorna", (1,), P),
        (date(2020, 3, 12), "information", 2, 210, "Information till elever i årskurs 8 om narkotika", (2,), P),
        (date(2020, 3, 26), "concern_talk", 3, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2020, 4, 8), "cooperation_meeting", 1, None, _MAPPING, (4,), P),
        (date(2020, 5, 14), "information", 1, 480, "Brev till vårdnadshavare inför sommarlovet om narkotika", (2,), M),
        (date(2020, 6, 12), "patrol", 12, 34, "Fotpatrullering under sommarkvällar i centrum och vid badplatserna", (1,), P),
        (date(2020, 9, 3), "property_owner_meeting", 1, None, "Fastighetsägarna: belysning och insyn på gårdarna", (5,), M),
        (date(2020, 9, 17), "concern_talk", 4, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2020, 10, 1), "cooperation_meeting", 1, None, _MAPPING, (4,), P),
        (date(2020, 12, 11), "patrol", 6, 16, "Fotpatrullering i centrum under december", (1,), P),
        (date(2021, 1, 20), "cooperation_meeting", 1, None, _MAPPING, (4,), P),
        (date(2021, 2, 11), "information", 2, 190, "Digitala lektioner om narkotika för årskurs 8 och 9", (2,), P),
        (date(2021, 3, 18), "concern_talk", 3, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2021, 4, 15), "property_owner_meeting", 1, None, "Fastighetsägarna: skadegörelse i trapphus och källare", (5,), M),
        (date(2021, 6, 10), "concern_talk", 5, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2021, 7, 9), "patrol", 14, 40, "Fotpatrullering under sommarkvällar i centrum och vid badplatserna", (1,), P),
        (date(2021, 8, 26), "cooperation_meeting", 1, None, _MAPPING, (4,), P),
        (date(2021, 9, 9), "information", 1, 350, "Föräldramöte med information om narkotika, årskurs 7", (2,), M),
        (date(2021, 9, 22), "property_owner_meeting", 1, None, "Förberedelsemöte med fastighetsägarna inför trygghetsvandringen", (5,), M),
        (date(2021, 11, 24), "cooperation_meeting", 1, None, _MAPPING, (4,), P),
        (date(2022, 1, 27), "concern_talk", 4, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2022, 2, 18), "patrol", 8, 22, "Fotpatrullering i centrum och vid skolorna", (1,), P),
        (date(2022, 3, 10), "information", 2, 220, "Information till elever i årskurs 8 om narkotika", (2,), P),
        (date(2022, 4, 6), "property_owner_meeting", 1, None, "Fastighetsägarna: uppföljning av trygghetsvandringen", (5,), M),
        (date(2022, 5, 19), "information", 1, 500, "Brev till vårdnadshavare inför sommarlovet om narkotika", (2,), M),
        (date(2022, 6, 17), "patrol", 12, 36, "Fotpatrullering under sommarkvällar i centrum och vid badplatserna", (1,), P),
        (date(2022, 8, 31), "cooperation_meeting", 1, None, _MAPPING, (4,), P),
        (date(2022, 9, 22), "concern_talk", 3, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2022, 10, 12), "property_owner_meeting", 1, None, "Fastighetsägarna: belysning vid parkeringen i brunnsparken", (5,), M),
        (date(2022, 11, 17), "concern_talk", 2, None, "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten", (3,), P),
        (date(2022, 11, 23), "property_owner_meeting", 1, None, "Fastighetsägarna: planering inför en förlängning av löftet", (5,), M),
        (date(2022, 12, 7), "cooperation_meeting", 1, None, "Kartläggning av drogrelaterad brottslighet: sammanställning inför en förlängning", (4,), P),
        (date(2022, 12, 9), "patrol", 5, 14, "Fotpatrullering i centrum under december", (1,), P),
    ],
    "CURRENT": [
        ((1, 28), "cooperation_meeting", 2, None, _BRA_EST, (1,), P),
        ((2, 18), "home_visit", 3, None, _LKPG, (3,), P),
        ((3, 11), "dog_search", 1, None, "Narkotikasök med hund på en högstadieskola", (2,), P),
        ((4, 15), "cooperation_meeting", 3, None, _BRA_EST, (1,), P),
        ((4, 24), "traffic_control", 2, 58, "Kontroller av mopedbilar och EPA-traktorer vid resecentrum", (4,), P),
        ((5, 13), "parent_meeting", 1, 64, "Föräldraträff om mopedbilar och EPA-traktorer, årskurs 8", (7,), M),
        ((5, 20), "home_visit", 2, None, _LKPG, (3,), P),
        ((6, 5), "traffic_control", 3, 96, "Trafikkontroller kring skolavslutningen", (4,), P),
        ((6, 12), "patrol", 8, 24, "Fotpatruller vid resecentrum fredags- och lördagskvällar", (8,), P),
        ((9, 9), "dog_search", 2, None, "Narkotikasök med hund på två skolor", (2,), P),
        ((9, 16), "cooperation_meeting", 3, None, _BRA_EST, (1,), P),
        ((9, 23), "home_visit", 2, None, _LKPG, (3,), P),
        ((10, 8), "traffic_control", 2, 71, "Kontroller av mopedbilar i hamnen i Mariefred", (4,), P),
        ((10, 16), "patrol", 6, 18, "Fotpatruller i hamnen i Mariefred kvällstid", (8,), P),
        ((11, 4), "cooperation_meeting", 2, None, _BRA_EST, (1,), P),
        ((11, 12), "patrol", 4, 12, "Fotpatruller vid resecentrum", (8,), P),
    ],
}
# fmt: on
