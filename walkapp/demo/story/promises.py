"""The demo's medborgarlöften: their commitments, and this year's promise by year."""

from datetime import date

from walkapp.demo.story.people import CONTACT_SODERKOPING, CONTACT_STRANGNAS

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
