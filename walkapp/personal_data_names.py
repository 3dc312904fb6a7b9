"""Common first names and surnames in Sweden (after SCB's name statistics), for the detector."""

# Written in lower case, one string per group so the lists stay readable; the detector compares
# case-insensitively on whole words. Nicknames are here because that is how people are named in
# a note ("ring Bosse").


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a list written as text."""
    return frozenset(text.split())


_MEN = """
    lars anders johan karl carl erik eric mikael michael peter jan thomas tomas daniel fredrik
    hans andreas stefan mats bengt magnus marcus markus jonas mattias matthias bo nils björn
    martin niklas nicklas patrik patrick christer leif henrik göran ulf kjell rolf sven åke
    lennart gunnar tommy kent roger ingemar olof olov stig sten arne bertil rune robert david
    joakim jimmy jörgen dan alexander sebastian simon gustav gustaf jakob jacob oskar oscar
    viktor victor emil anton axel filip philip elias william lucas lukas liam hugo oliver noah
    adam leo alfred ludvig theo teodor elliot edvin isak olle vincent charlie albin arvid
    melvin sixten harry hampus kevin rasmus robin jesper kristoffer christoffer tobias johannes
    linus max viggo valter walter august ivar otto love malte vidar loke sam josef benjamin
    samuel gabriel leon casper kasper pontus wilhelm vilhelm helge holger ingvar evert folke
    georg harald ragnar sture torsten tore birger allan bernt conny ronny glenn jonny kenneth
    urban ola kurt roland gösta sune ove alvin elton colin noel jack milo matteo nicolas
    mohammed mohammad muhammad mohamed ali ahmed ahmad omar hassan hussein ibrahim yusuf
    youssef mustafa mehmet amir abdi abdullahi khalid karim hamza ismail reza milan marko
    nikola dragan ivan piotr tomasz jukka matti pekka juha erkki mehdi hamid abbas murat
    lasse bosse kalle pelle janne nisse micke jocke hasse sigge totte affe danne robban
    steffe mange kenta putte tompa nicke benke ante jonte calle pelle perra tobbe
"""

_WOMEN = """
    anna eva maria karin sara kristina lena emma kerstin marie ingrid malin elisabeth
    elisabet birgitta sofia christina linda hanna susanne jenny annika inger monica margareta
    carina ulla helena johanna ida elin gunilla julia sandra åsa marianne katarina cecilia
    camilla maja anita ann annelie anneli louise caroline karolina frida emelie emilia agneta
    therese josefin jessica britt gunnel siv yvonne lisa nina petra sofie ulrika viktoria
    victoria ebba elsa alice wilma vilma alva olivia astrid agnes selma ellen freja saga
    stella vera signe ester edith greta hilda märta ellie hedda tyra ines leah lea meja molly
    stina svea tindra elvira sigrid juni majken nellie liv klara alma tuva moa mira tove hedvig
    ronja linnea linnéa tilda lovisa matilda amanda filippa elsie berit barbro gun ingela
    ingegerd gudrun britta margit rut ruth aina dagny ebba lova lilly nova ella mila ronja
    iris viola rosa alicia thea isabelle isabella felicia rebecka rebecca nathalie natalie
    jasmine yasmin amina fatima fatma aisha maryam mariam zahra leila layla hiba elif zeynep
    ayse amal sana noor dalia hodan nour sahra lotta kicki kajsa lollo bettan gittan mia lina
    nettan sanna jossan mickan tessan maggan majsan ninni lollo pia eleonor eleonora tina
    veronica veronika mikaela michaela jeanette jeanette angelica angelika madeleine charlotte
"""

# Surnames, the most common ones first (the -sson names, then the rest).
_SURNAMES = """
    andersson johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson
    pettersson jonsson jansson hansson bengtsson jönsson lindberg jakobsson magnusson olofsson
    lindström lindqvist lindgren axelsson berg bergström lundberg lind lundgren lundqvist
    mattsson berglund fredriksson sandberg henriksson forsberg sjöberg wallin ali engström
    mohamed eklund danielsson lundin håkansson björk bergman gunnarsson holm wikström
    samuelsson isaksson fransson bergqvist nyström holmberg arvidsson löfgren söderberg
    nyberg blomqvist claesson nordström mårtensson lundström ahmed viklund björklund
    eliasson pålsson hassan berggren sandström lund nordin ström åberg hermansson ekström
    holmgren sundberg hedlund dahlberg hellström sjögren abrahamsson falk martinsson öberg
    andreasson strömberg månsson hansen åkesson dahl lindholm norberg holmqvist ek blom
    lindell sundqvist hedberg lindahl sundström lindblom strand nordlund åström jensen
    göransson fors sjöström boström nielsen hägglund höglund lindén nyman sundin vikström
    lindkvist edlund malmberg jonasson söderström östlund ekman lindroth bäckström backman
    nordgren hedström bergkvist ekberg josefsson kristiansson stenberg eklöf englund lindvall
    westerberg sjödin ohlsson ivarsson palm hjalmarsson ljungberg rosén forsman öhman ekholm
    johnsson nilsen wiklund lindmark blomberg lundkvist hellberg strömqvist karlström
    carlsson carlström nordqvist holmström bergman nordberg sandin sjölund lundmark åkerman
    sundelin rydberg ahlberg lilja björn törnqvist ljung mohammed ibrahim hussein abdi omar
    yilmaz kaya demir nguyen karimi ahmadi hosseini mohammadi rezaei jafari kowalski nowak
    virtanen korhonen olsen petersen berglöf grahn sandell schmidt gustavsson gustafson
    carlsson kjellberg lindquist engberg ekdahl berglin hammar nord hall borg vik sund kvist
    alm asp gran hjort svan varg malm ros sten skog
"""

# Names that are also ordinary words ("bo" is to live, "stig" a path, "per" as in "per timme").
# They count only as a person's name next to another name, after "ring"/"fråga"/a title, or
# written with a capital in the middle of a sentence.
AMBIGUOUS_FIRST_NAMES = words(
    """
    bo per hans stig sten dag tom liv jan maj vilja lova klara saga rosa vide ask tor max axel
    björn dan mark love juni iris viola lena inger urban lina sanna mats karl tina
    """
)

# Surnames that are ordinary nouns ("en björk", "i Lund"): a name only next to a first name or
# a title ("Per Ek", "fru Berg").
AMBIGUOUS_SURNAMES = words(
    """
    berg lind lund björk holm ek blom strand fors falk ström dahl palm lilja nord hall borg
    vik sund kvist alm asp gran hjort svan varg malm ros sten skog hammar ljung björn
    """
)

FIRST_NAMES = words(_MEN) | words(_WOMEN) | AMBIGUOUS_FIRST_NAMES
SURNAMES = words(_SURNAMES) | AMBIGUOUS_SURNAMES

# Titles and relations before a name: "fru Berg", "grannen Sten", "pappa Max".
TITLES = words(
    """
    herr hr fru frk fröken familjen familj doktor dr mr mrs ms pappa mamma bror brorsan syster
    systern son sonen dotter dottern farbror morbror faster moster tant granne grannen grannens
    kompis killen tjejen vaktmästaren vaktmästare
    """
)

# Words before a first name that say a person is meant: "ring Bo", "fråga Stig".
NAME_CUES = TITLES | words(
    "ring ringa ringer ringde fråga frågade kontakta kontaktade heter hette kallas kallad hej"
)
