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
]

MUNICIPALITIES = [
    {
        "slug": "strangnas",
        "name": "Strängnäs kommun",
        "web_domain": "strangnas.se",
        "center": (59.3772, 17.0315),
        "zoom": 11,
        "local_epsg": 3010,  # SWEREF 99 16 30
        "follow_up_kind": "tertial",
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

# Promises: title, municipality, agreement title, period, follow-up kind, situation, focus areas,
# signed by, signed on, commitments (text, responsible, activity kind, target, locality).
PROMISES = [
    {
        "municipality": "strangnas",
        "title": "Medborgarlöfte 2017",
        "agreement": "Samverkansöverenskommelse 2016–2018",
        "period": (date(2017, 1, 1), date(2017, 12, 31)),
        "follow_up_kind": "tertial",
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
                1,
                "Strängnäs",
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Mariefred.",
                "both",
                "safety_walk",
                1,
                "Mariefred",
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Åkers styckebruk.",
                "both",
                "safety_walk",
                1,
                "Åkers styckebruk",
            ),
            (
                "Trygghetsvandring och uppföljning av trygghetsvandring i Stallarholmen.",
                "both",
                "safety_walk",
                1,
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
        "situation": (
            "Medborgardialoger och polisens lägesbild pekar på unga på väg in i kriminalitet och "
            "narkotikamissbruk, samt störningar från mopedbilar och EPA-traktorer."
        ),
        "focus_areas": ["Unga och narkotika", "Trafik: mopedbilar och EPA-traktorer", "Trygghet"],
        "signed_by": "Strängnäs kommun och Lokalpolisområde Eskilstuna",
        "signed_on": date(2021, 2, 1),
        # Logged against commitments by position: (date, count, note).
        "activities": {
            4: [
                (date(2021, 4, 16), 1, "Kontroll av mopedbilar vid Eldsundsskolan"),
                (date(2021, 6, 4), 2, "Trafikkontroller Mariefred, skolavslutning"),
                (date(2021, 9, 24), 1, "Kontroll av EPA-traktorer, Strängnäs centrum"),
            ],
            6: [(date(2021, 5, 20), 1, "Föräldramöte och brev om mopedbilar till årskurs 8")],
        },
        "commitments": [
            (
                "Områdespolisen och kommunpolisen fortsätter samverka med kommunen genom regelbundna möten, BRÅ och EST.",
                "police",
                "other",
                None,
                None,
            ),
            (
                "Polisen genomför narkotikasök med hund på skolor i förebyggande syfte.",
                "police",
                "other",
                None,
                None,
            ),
            (
                "Polisen fortsätter arbeta med Linköpingsmodellen i hemmiljön tillsammans med socialtjänsten.",
                "police",
                "other",
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
                "other",
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
        "follow_up_kind": "half_year",
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
            ("Arbete med orossamtal.", "both", "other", None, None),
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
                "safety_walk",
                2,
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
                "in_progress",
                "Teknik- och servicekontoret",
            ),
            (
                "gathering",
                59.37430,
                17.03250,
                "Grupper samlas vid resecentrum fredagskvällar, känns otryggt för ensamma resenärer.",
                2,
                0,
                "planned",
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
        "starts_at": "2017-05-16T15:00",
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
                "open",
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
                "verified",
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
                "in_progress",
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
                "planned",
                "Teknik- och servicekontoret",
            ),
            (
                "reckless_driving",
                59.37740,
                17.03000,
                "Mopedbilar kör i grupp runt torget sena kvällar.",
                2,
                1,
                "in_progress",
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
                "open",
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
        "commitments": [],
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
        "commitments": [],
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
                "planned",
                "Fastighetsägare i Söderköpings centrum",
            ),
            (
                "lighting_poor",
                58.47700,
                16.32700,
                "Svag belysning på parkeringen vid brunnsparken.",
                2,
                1,
                "open",
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
