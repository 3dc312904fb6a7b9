"""The demo's follow-ups as the seed pages publish them: per commitment, done, outcome, next."""

# Each follow-up: promise title, period key, who wrote it ("police": the police's own tertial
# summary; "both": each side writes the commitments it is responsible for), when it was
# published (Swedish time; None: a draft still being written), its summary and its texts by
# commitment position: (what we did, outcome, next step).
FOLLOW_UPS = [
    {
        "promise": "Medborgarlöfte 2017",
        "period": "2017-T1",
        "written_by": "police",
        "published": "2017-05-29T10:00",
        "narrative": (
            "Här är en sammanfattning av polisens arbete med Strängnäs medborgarlöften mellan "
            "januari och sista april 2017. Var fjärde månad görs en sammanställning av vilka "
            "insatser polisen har gjort beträffande medborgarlöftena. Det pågår mycket bra "
            "polisiär verksamhet inom strängnäspolisen, inte minst med medborgarlöftena, och det "
            "arbetas aktivt med att hålla de löften som polisen gett invånarna i Strängnäs."
        ),
        "texts": {
            1: (
                "Flertalet trafikkontroller av ingripandeverksamheten, områdespolisen och "
                "trafikenheten, i Strängnäs, Mariefred, Åkers styckebruk och Stallarholmen. "
                "Senaste stora satsningen var trafiknykterhetens dag den 18 maj.",
                "Synlig trafikövervakning i alla orter, bland annat mot mopeder och "
                "EPA-traktorer i centrala Strängnäs.",
                "Kontrollerna fortsätter, med inriktning på skolavslutningen och sommaren.",
            ),
            2: (
                "Trafikvandring i Strängnäs i samverkan med kommunen för att se över trafikmiljön.",
                "Iakttagelserna har lämnats till teknik- och servicekontoret och, för statliga "
                "vägar, till Trafikverket.",
                "Trafikvandringen följs upp under hösten.",
            ),
            3: (
                "Flertalet möten mellan kommun och polis och andra samverkansaktörer. Samverkan "
                "med socialtjänsten. Linköpingsmodellen (ungdomar och narkotika). Fotpatruller "
                "med inriktning trygghetsskapande och synlighet. Fastighetsägarnätverket "
                "(trygghetsfrågor i bostadsområdena). Medborgardialoger om tryggheten i kommunen. "
                "Flertalet strukturerade samverkansmöten med skolor. Samverkan för att etablera "
                "lokala BRÅ i Stallarholmen, Åker och Mariefred. Samverkan med Migrationsverket "
                "om flyktingboenden. Samverkansmöte på temat Trygghet på perrong, om nya "
                "resecentrum. Polisvolontärer har varit aktiva med trygghetsskapande arbete.",
                "Fokus för strängnäspolisen är arbetet med ungdomar och droger, i tät samverkan "
                "med socialtjänsten.",
                "De lokala BRÅ i Stallarholmen, Åkers styckebruk och Mariefred etableras under "
                "hösten.",
            ),
            4: (
                "Trygghetsvandring i Strängnäs centrum den 25 april, med kommunen, fastighetsägare "
                "och boende.",
                "Iakttagelserna om belysning, buskage och klotter är lämnade till teknik- och "
                "servicekontoret; grupperna vid resecentrum till polisen.",
                "Uppföljande vandring i juni.",
            ),
            5: ("", "", "Trygghetsvandring i Mariefred planeras till hösten."),
            6: ("", "", "Trygghetsvandring i Åkers styckebruk planeras till hösten."),
            7: ("", "", "Trygghetsvandring i Stallarholmen planeras till hösten."),
        },
    },
    # Strängnäs 2018: "redovisas på polisen.se i början av maj och september 2018 samt januari
    # 2019".
    {
        "promise": "Medborgarlöfte 2018",
        "period": "2018-T1",
        "written_by": "both",
        "published": "2018-05-08T10:00",
        "narrative": (
            "Uppföljning av medborgarlöftet 2018 för januari till april. Polisen och Strängnäs "
            "kommun arbetar förebyggande och repressivt för att unga inte ska etableras i "
            "kriminella grupperingar och begå brott, i synnerhet narkotikabrott."
        ),
        "texts": {
            1: (
                "Hembesök enligt Linköpingsmodellen tillsammans med socialtjänsten, narkotikasök "
                "med hund på två skolor och riktade kontroller mot förare påverkade av narkotika.",
                "Flera ungdomar har fått stöd från socialtjänsten efter hembesöken.",
                "Fler hembesök och kontroller i centrala Strängnäs under sommaren.",
            ),
            2: (
                "Samverkansmöten med socialtjänsten och skolorna om unga i riskzonen, och ett "
                "föräldramöte om droger på en högstadieskola.",
                "Skolorna och socialtjänsten har en gemensam bild av vilka unga som behöver stöd.",
                "Brev till föräldrar inför sommarlovet.",
            ),
            3: (
                "Fotpatruller vid resecentrum och Västerviken där unga samlas kvällstid, och ett "
                "möte i fastighetsägarnätverket om skadegörelse och stölder.",
                "Färre anmälningar om ordningsstörningar vid resecentrum än under hösten.",
                "Fotpatrullerna fortsätter kring skolavslutningen.",
            ),
        },
    },
    {
        "promise": "Medborgarlöfte 2018",
        "period": "2018-T2",
        "written_by": "both",
        "published": "2018-09-07T10:00",
        "narrative": (
            "Uppföljning av medborgarlöftet 2018 för maj till augusti: sommarens insatser kring "
            "skolavslutningen, evenemangen och unga som samlas i centrum."
        ),
        "texts": {
            1: (
                "Hembesök enligt Linköpingsmodellen tillsammans med socialtjänsten.",
                "Arbetet i hemmiljön når föräldrarna tidigt.",
                "Narkotikasök med hund på skolorna efter skolstarten.",
            ),
            2: (
                "Brev till föräldrar inför sommarlovet om alkohol och narkotika, och EST-möten om "
                "unga som syns i flera verksamheter.",
                "Brevet nådde föräldrarna till alla elever på högstadiet.",
                "Lektioner om konsekvenser av brott på högstadiet under hösten.",
            ),
            3: (
                "Fotpatruller kring skolavslutningen och sommarens evenemang, kontroller av "
                "mopeder och EPA-traktorer och EST-möten.",
                "Lugnare sommarkvällar i centrum än året innan, enligt polisens lägesbild.",
                "Fotpatruller i centrum under hösten och inför jul.",
            ),
        },
    },
    {
        "promise": "Medborgarlöfte 2018",
        "period": "2018-T3",
        "written_by": "both",
        "published": "2019-01-10T10:00",
        "narrative": (
            "Uppföljning av medborgarlöftet 2018 för september till december, och därmed av "
            "hela året. Planeringen av medborgarlöftet 2019 bygger på höstens medborgardialog."
        ),
        "texts": {
            1: (
                "Narkotikasök med hund på tre skolor och hembesök enligt Linköpingsmodellen "
                "tillsammans med socialtjänsten.",
                "Under året har polisen och socialtjänsten gjort elva hembesök.",
                "Arbetet med Linköpingsmodellen fortsätter 2019.",
            ),
            2: (
                "Lektioner på högstadiet om konsekvenser av brott och en föräldraträff i Mariefred "
                "om unga och narkotika.",
                "Lektionerna nådde alla klasser i årskurs 8.",
                "Föräldraträffar i alla orter under 2019.",
            ),
            3: (
                "Fotpatruller i centrum inför jul och en medborgardialog inför medborgarlöftet "
                "2019.",
                "Medborgardialogen pekar fortsatt på unga och narkotika.",
                "Fokusområdena för 2019 beslutas i januari.",
            ),
        },
    },
    # Söderköping 2017-2019, followed up by tertial: 2018 T1 and T3 as the seed page lists them.
    {
        "promise": "Medborgarlöfte 2017–2019",
        "period": "2018-T1",
        "written_by": "both",
        "published": "2018-05-17T10:00",
        "narrative": (
            "Uppföljning 2018 tertial 1. Problembilden som tagits fram och prioriterats genom "
            "medborgardialoger gäller fortfarande skadegörelse och klotter samt behovet av att "
            "öka tryggheten genom ökad polisiär närvaro."
        ),
        "texts": {
            1: (
                "Information i skolan om konsekvenser av brott för årskurs 7–9.",
                "Alla högstadieklasser har fått informationen.",
                "Nya informationstillfällen efter skolstarten i höst.",
            ),
            2: (
                "Hastighetskontroller i tätorten, främst vid skolorna.",
                "Färre fordon över hastighetsgränsen vid skolorna än vid förra årets kontroller.",
                "Kontrollerna fortsätter före sommarlovet och vid skolstarten.",
            ),
            3: (
                "",
                "",
                "Trygghetsvandring i centrum i oktober, med fokus på belysningen.",
            ),
            4: (
                "Klotterforum med kommunen och fastighetsägarna om en gemensam lägesbild över "
                "skadegörelse och klotter.",
                "Forumet har en gemensam karta över klottret i centrum.",
                "En gemensam insats mot klotter under hösten.",
            ),
            5: (
                "Fotpatrullering i centrala Söderköping, främst kvällar och helger.",
                "Polisen syns mer i centrum.",
                "Fotpatrulleringen ökar under sommaren.",
            ),
        },
    },
    {
        "promise": "Medborgarlöfte 2017–2019",
        "period": "2018-T3",
        "written_by": "both",
        "published": "2019-01-24T10:00",
        "narrative": (
            "Uppföljning 2018 tertial 3. Den problembild som tagits fram och prioriterats genom "
            "medborgardialoger gäller fortfarande skadegörelse och klotter samt behovet av att "
            "öka tryggheten genom ökad polisiär närvaro. Därför kvarstår 2017 års medborgarlöfte "
            "även för 2018–2019."
        ),
        "texts": {
            1: (
                "Information i skolan om konsekvenser av brott.",
                "Skolorna vill ha informationen varje termin.",
                "Informationen fortsätter under 2019.",
            ),
            2: (
                "Hastighetskontroller vid skolorna efter skolstarten.",
                "Hastigheterna vid skolorna har gått ned under året.",
                "Kontrollerna fortsätter under 2019.",
            ),
            3: (
                "Trygghetsvandring i Söderköpings centrum den 16 oktober, med fokus på "
                "belysningen.",
                "Belysningen längs kanalen vid slussarna är åtgärdad; klottret på fastigheterna "
                "vid Rådhustorget är sanerat.",
                "Ny trygghetsvandring under 2019.",
            ),
            4: (
                "Klotterforum och en gemensam insats mot klotter kring Rådhustorget.",
                "Fastighetsägarna sanerar klotter inom ett dygn.",
                "Forumet fortsätter två gånger per år.",
            ),
            5: (
                "Fotpatrullering i centrala Söderköping och vid julmarknaden.",
                "Fler samtal med boende och näringsidkare i centrum.",
                "Fotpatrulleringen fortsätter under 2019.",
            ),
        },
    },
]

# Söderköping 2020-2022, "halvårsvis under maj och november": each half's period key and
# publication, and what each commitment's text says that half.
_HALVES = [
    ("2019-11", "2020-05-26T10:00", "januari–april 2020"),
    ("2020-05", "2020-11-24T10:00", "maj–oktober 2020"),
    ("2020-11", "2021-05-25T10:00", "november 2020–april 2021"),
    ("2021-05", "2021-11-23T10:00", "maj–oktober 2021"),
    ("2021-11", "2022-05-24T10:00", "november 2021–april 2022"),
    ("2022-05", "2022-11-22T10:00", "maj–oktober 2022"),
    ("2022-11", "2023-01-24T10:00", "november–december 2022"),
]
_SODERKOPING_TEXTS = {
    1: (
        "Fotpatrullering i centrum, vid skolorna och under sommarkvällar vid badplatserna.",
        "Polisen syns där ungdomar samlas.",
        "Fotpatrulleringen fortsätter nästa halvår.",
    ),
    2: (
        "Informationsinsatser till ungdomar och deras vårdnadshavare om narkotika.",
        "Informationen når elever och föräldrar på högstadiet.",
        "Nya informationsinsatser nästa termin.",
    ),
    3: (
        "Orossamtal med unga och vårdnadshavare tillsammans med socialtjänsten.",
        "Samtalen ger tidiga signaler och stöd till familjerna.",
        "Arbetet med orossamtal fortsätter.",
    ),
    4: (
        "Kontinuerlig kartläggning av drogrelaterad brottslighet och anpassade insatser därefter.",
        "Insatserna riktas dit kartläggningen pekar.",
        "Kartläggningen stäms av vid nästa halvårsuppföljning.",
    ),
    5: (
        "Ett strukturerat trygghetsarbete tillsammans med fastighetsägarna.",
        "Fastighetsägarna åtgärdar belysning och insyn där trygghetsarbetet visat behov.",
        "Nästa möte med fastighetsägarna är bokat.",
    ),
}
FOLLOW_UPS += [
    {
        "promise": "Medborgarlöfte 2020–2022",
        "period": key,
        "written_by": "both",
        "published": published,
        "narrative": (
            f"Halvårsuppföljning av medborgarlöftet 2020–2022 för {span}. Polisen och kommunen "
            "arbetar tillsammans med förebyggande insatser till ungdomar och deras nätverk."
        ),
        "texts": _SODERKOPING_TEXTS,
    }
    for key, published, span in _HALVES
]
# The trygghetsvandring with the property owners, autumn 2021, in its half's own words.
FOLLOW_UPS[-4]["texts"] = {
    **_SODERKOPING_TEXTS,
    5: (
        "Trygghetsvandring med fastighetsägarna i centrum den 5 oktober, förberedd tillsammans "
        "med dem.",
        "Baksidan av butikerna på Storgatan och parkeringen vid brunnsparken ska bli ljusare.",
        "Fastighetsägarna redovisar sina åtgärder i april.",
    ),
}

# This year's Strängnäs promise: the tertials already due are published, the current one is
# being written. Texts by commitment position.
CURRENT_TEXTS = {
    1: (
        "Regelbundna BRÅ- och EST-möten mellan kommunen och polisen.",
        "Unga på väg in i kriminalitet uppmärksammas tidigt.",
        "Mötena fortsätter varje månad.",
    ),
    2: (
        "Narkotikasök med hund på skolor i förebyggande syfte.",
        "Skolorna och polisen är överens om att fortsätta.",
        "Fler sök under nästa termin.",
    ),
    3: (
        "Hembesök enligt Linköpingsmodellen tillsammans med socialtjänsten.",
        "Föräldrar och unga informeras tidigt om misstankarna.",
        "Arbetet fortsätter.",
    ),
    4: (
        "Trafikkontroller mot mopedbilar och EPA-traktorer.",
        "Färre klagomål på buskörning vid resecentrum.",
        "Kontrollerna fortsätter kvällstid.",
    ),
    5: (
        "Trygghetsvandringar tillsammans med polisen, boende och fastighetsägare.",
        "Iakttagelserna är lämnade till teknik- och servicekontoret och polisen.",
        "Fler vandringar under året.",
    ),
    6: ("", "", "Trafikvandringen i Åkers styckebruk är planerad."),
    7: (
        "Föräldraträff på skola om mopedbilar och EPA-traktorer.",
        "Föräldrarna fick information inför sommaren.",
        "Nästa föräldraträff planeras till hösten.",
    ),
    8: (
        "Fotpatruller vid resecentrum och i hamnen i Mariefred kvällstid.",
        "Polisen syns där mopedbilarna samlas.",
        "Fotpatrullerna fortsätter under mörka månader.",
    ),
}
CURRENT_NARRATIVE = (
    "Uppföljning av årets medborgarlöfte: vad polisen och kommunen har gjort under tertialet, "
    "och vad som återstår."
)
