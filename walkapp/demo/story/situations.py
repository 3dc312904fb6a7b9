"""The demo's lägesbilder, in the seed pages' own words."""

from datetime import date

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
