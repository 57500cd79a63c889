"""Word lists for character detection: titles, honorifics, pronouns, person nouns.

General English (and fan-fiction) vocabulary only; nothing here names a
character of any particular story.
"""

from __future__ import annotations

# title -> gender it implies ("" when none)
TITLES: dict[str, str] = {
    "mr": "M", "mister": "M", "mrs": "F", "ms": "F", "miss": "F", "mme": "F", "madame": "F", "madam": "F",
    "mlle": "F", "mademoiselle": "F", "monsieur": "M", "m": "M", "signor": "M", "signora": "F", "signorina": "F",
    "herr": "M", "frau": "F", "fraulein": "F", "señor": "M", "senor": "M", "señora": "F", "senora": "F",
    "dr": "", "doctor": "", "prof": "", "professor": "", "sir": "M", "lady": "F", "lord": "M", "dame": "F",
    "captain": "", "capt": "", "colonel": "", "col": "", "general": "", "major": "", "lieutenant": "", "lt": "",
    "sergeant": "", "sgt": "", "corporal": "", "admiral": "", "commander": "", "inspector": "", "detective": "",
    "constable": "", "officer": "", "agent": "", "judge": "", "father": "M", "mother": "F", "sister": "F",
    "brother": "M", "aunt": "F", "auntie": "F", "uncle": "M", "cousin": "", "grandma": "F", "grandpa": "M",
    "granny": "F", "grandmother": "F", "grandfather": "M", "saint": "", "st": "", "king": "M", "queen": "F",
    "prince": "M", "princess": "F", "duke": "M", "duchess": "F", "count": "M", "countess": "F", "baron": "M",
    "baroness": "F", "earl": "M", "marquis": "M", "emperor": "M", "empress": "F", "master": "M", "mistress": "F",
    "rev": "M", "reverend": "M", "nurse": "", "coach": "", "chief": "", "old": "", "young": "", "little": "",
    "big": "", "mrs.": "F", "archdeacon": "M", "bishop": "M", "canon": "", "pastor": "", "rabbi": "",
    "parson": "M", "vicar": "M", "curate": "M", "deacon": "", "monsignor": "M", "cardinal": "M", "friar": "M",
    "abbot": "M", "abbess": "F", "squire": "M", "widow": "F",
    # dialect spellings of Mr./Mrs./Master in dialogue
    "mistah": "M", "mistuh": "M", "mista": "M", "marse": "M", "mas'r": "M", "massa": "M", "missus": "F",
}
# abbreviated titles -> the word written out ("Dr. Bull" is "the Doctor")
TITLE_ABBREVIATIONS: dict[str, str] = {"dr": "doctor", "prof": "professor", "col": "colonel", "capt": "captain",
                                       "lt": "lieutenant", "sgt": "sergeant", "rev": "reverend"}
# titles that may stand alone as a vocative/name only with a following name
BARE_TITLE_OK = {"doctor", "professor", "captain", "colonel", "general", "major", "inspector", "judge"}

# Japanese honorific suffixes attached with a hyphen: suffix -> gender hint ("" none)
HONORIFICS: dict[str, str] = {
    "sensei": "", "sama": "", "san": "", "kun": "M", "chan": "", "senpai": "", "sempai": "", "nii": "M",
    "niisan": "M", "nii-san": "M", "nii-chan": "M", "nee": "F", "neesan": "F", "nee-san": "F", "nee-chan": "F",
    "dono": "", "hime": "F", "shishou": "", "shisho": "", "taichou": "", "taicho": "", "kohai": "", "tan": "",
    "chi": "", "baa-chan": "F", "baachan": "F", "jii-san": "M", "jiisan": "M", "ojisan": "M", "obasan": "F",
    "teme": "", "dobe": "", "nin": "",
}

# words that are capitalised but are not names (closed classes, interjections, days...)
NOT_NAMES: set[str] = set("""
a an the this that these those there then than they them their he she his her hers him it its we our you your
i me my mine us what when where why who whom whose which while with without within would was were be been
being is are am and but or nor so yet for if of on in at to from by as into onto upon over under after before
again all also any anyway anything both each either every everyone everything few how however just later
many more most much neither no not nothing now oh ok okay once one only other others perhaps please quite
rather same several some somehow someone something soon still such sure thank thanks though through too
until up very well yes yeah yet hey hi hello ah aha alas eh er hm hmm huh mm uh um wow ugh damn shit hell god
gods jesus christ lord heaven pray nay aye adieu farewell goodbye bye amen hurrah hurray bravo fuck fucking dear darling sweetheart honey baby love sir madam ma'am maam
monday tuesday wednesday thursday friday saturday sunday january february march july
september october november december christmas easter spring summer autumn winter
chapter prologue epilogue part book volume section act scene end fin note notes disclaimer a/n an summary
author translator rating warning warnings tags words chapters title status published updated
english french german italian spanish japanese chinese english american british europe african indian
lest whilst unless although because whether whereas wherever whenever till
here there everybody nobody somebody anybody let lets let's don't can't won't didn't isn't wasn't couldn't
shouldn't wouldn't haven't hasn't hadn't i'm i'll i've i'd you're you've you'll he's she's it's we're they're
that's there's what's who's where's how's mrs mr ms dr miss esq esquire jr sr co ltd inc
north south east west northern southern eastern western left right front back inside outside
next last first second third fourth fifth finally suddenly slowly quickly maybe probably certainly indeed
never always sometimes often meanwhile besides instead otherwise therefore thus hence
presently immediately instantly gradually eventually accordingly consequently apparently evidently obviously
naturally fortunately unfortunately luckily happily sadly silently quietly gently softly hastily abruptly
afterwards nevertheless moreover furthermore already almost even ever
good bad great little big old young new long short high low dark light cold hot
hullo hallo halloa hulloa ahoy ahem humph pshaw bah pooh tut tush lawks gracious goodness heavens alack egad
zounds begad golly gosh shucks wal awfully terribly truly exactly absolutely nonsense rubbish fiddlesticks
""".split())
# a person of a nation written as one capitalised word ("an Englishman", "the Frenchwomen"): a common noun
NOT_NAMES |= {stem + end for stem in "english french irish scotch scots dutch welsh cornish manx china".split()
              for end in ("man", "men", "woman", "women")}

# third-person and first-person pronouns -> (gender, person, number)
PRONOUNS: dict[str, tuple[str, int, str]] = {
    "he": ("M", 3, "sg"), "him": ("M", 3, "sg"), "his": ("M", 3, "sg"), "himself": ("M", 3, "sg"),
    "she": ("F", 3, "sg"), "her": ("F", 3, "sg"), "hers": ("F", 3, "sg"), "herself": ("F", 3, "sg"),
    "they": ("", 3, "pl"), "them": ("", 3, "pl"), "their": ("", 3, "pl"), "theirs": ("", 3, "pl"),
    "themselves": ("", 3, "pl"), "themself": ("N", 3, "sg"),
    "i": ("", 1, "sg"), "me": ("", 1, "sg"), "my": ("", 1, "sg"), "mine": ("", 1, "sg"), "myself": ("", 1, "sg"),
    "we": ("", 1, "pl"), "us": ("", 1, "pl"), "our": ("", 1, "pl"), "ours": ("", 1, "pl"),
    "ourselves": ("", 1, "pl"),
    "you": ("", 2, "sg"), "your": ("", 2, "sg"), "yours": ("", 2, "sg"), "yourself": ("", 2, "sg"),
    "yourselves": ("", 2, "pl"), "thee": ("", 2, "sg"), "thou": ("", 2, "sg"), "thy": ("", 2, "sg"),
    "thine": ("", 2, "sg"),
}

# nouns that designate a person (heads of epithets: "the medic", "the silver-haired ninja")
PERSON_NOUNS: dict[str, str] = {}
for _g, _words in (
    ("M", "man men boy boys gentleman gentlemen lad lads fellow guy gent husband father dad daddy papa son "
          "brother uncle nephew grandfather grandson king prince duke lord sir monk priest bachelor widower "
          "groom bridegroom boyfriend sire emperor master mister youngster"),
    ("F", "woman women girl girls lady ladies lass maid maiden wife mother mom mum mummy mama mamma daughter "
          "sister aunt niece grandmother granddaughter queen princess duchess widow bride girlfriend "
          "mistress nun heroine actress hostess waitress governess housekeeper kunoichi konoichi pinkette "
          "blonde brunette redhead dame matron spinster seamstress"),
    ("", "person people child kid kids baby infant teenager youth adult elder stranger friend companion "
         "partner lover enemy foe rival captain colonel general major lieutenant sergeant soldier officer "
         "doctor medic nurse healer surgeon physician teacher professor student pupil apprentice master "
         "servant butler footman cook driver coachman cabman clerk lawyer judge merchant farmer shepherd "
         "sailor pilot guard guardsman sentry warrior knight ninja shinobi nin jonin jounin chunin chuunin "
         "genin anbu sensei hokage kazekage mizukage raikage tsuchikage kage sannin leader boss chief "
         "commander assassin killer thief rogue hunter tracker villain hero figure visitor guest host "
         "neighbour neighbor landlord landlady owner keeper innkeeper shopkeeper vicar curate rector "
         "clergyman minister cousin parent relative spouse twin orphan heir heiress vampire wizard witch "
         "mage sorcerer demon creature beast pug dog hound puppy wolf cat fox bird horse rabbit canine mutt writer "
         "author artist painter poet musician singer dancer player captain skipper crew mate intruder "
         "patient prisoner captive detective inspector constable policeman agent spy messenger boy "
         "blond redhead silver-haired raven-haired copy-nin jinchuriki jinchuuriki summoner "
         "ninken summon hatchling teen toddler newcomer traveller traveler passenger lad scholar "
         "secretary assistant attendant novice trainee recruit veteran survivor victim culprit suspect "
         "witness soul creature family inhabitant passenger neighbour parent grandparent ancestor descendant "
         "relation folk folks crew tribe nobody somebody everybody anybody someone everyone anyone chap "
         "fellow-creature individual member citizen peasant villager townsman countryman native foreigner "
         "slave convict sinner beggar tramp vagabond labourer laborer worker workman miner porter waiter "
         "maidservant manservant valet groom nursemaid governess tutor schoolmaster schoolmistress headmaster "
         "dean bishop cardinal pope preacher missionary sheriff marshal deputy magistrate mayor governor "
         "president senator statesman politician banker broker clerk baker butcher blacksmith smith carpenter "
         "tailor hatter grocer fisherman hunter trapper cowboy rancher planter squire gentry nobleman noblewoman "
         "courtier attendant maid-servant chaperon cavalier rider horseman playmate schoolfellow classmate "
         "comrade ally colleague acquaintance admirer suitor fiancé fiance fiancée fiancee sweetheart darling "
         "beloved guardian ward heiress owner tenant lodger boarder gossip fool idiot wretch rascal scoundrel "
         "brute savage giant dwarf fairy angel devil ghost spirit monster sir ma'am madam lordship ladyship "
         "majesty highness excellency honour honor reverence sergeant-major private infantryman gunner sentinel "
         "watchman jailer gaoler executioner doorkeeper caretaker gardener coachman footboy pageboy page "
         "boyfriend girlfriend husband-to-be newborn youngster teenager lass lassie laddie babe infant "
         "mama papa mamma pa ma grandma grandpa granny nanny nurse-maid auntie nephew niece"),
):
    for _w in _words.split():
        PERSON_NOUNS.setdefault(_w, _g)

# English hypocorisms (short given name -> full given names it may stand for)
NICKNAMES: dict[str, tuple[str, ...]] = {
    "lizzy": ("elizabeth", "eliza"), "lizzie": ("elizabeth", "eliza"), "liz": ("elizabeth",), "eliza": ("elizabeth",),
    "beth": ("elizabeth",), "betsy": ("elizabeth",), "betty": ("elizabeth",), "bess": ("elizabeth",),
    "kitty": ("catherine", "katherine"), "kate": ("catherine", "katherine"), "katie": ("catherine", "katherine"),
    "cathy": ("catherine",), "jenny": ("jane", "jennifer"), "jane": (), "fanny": ("frances",), "frank": ("francis", "franklin"),
    "bill": ("william",), "will": ("william",), "willy": ("william",), "billy": ("william",), "tom": ("thomas",),
    "tommy": ("thomas",), "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "dick": ("richard",),
    "rick": ("richard",), "ned": ("edward", "edmund"), "ted": ("edward", "theodore"), "teddy": ("edward", "theodore"),
    "eddie": ("edward",), "jim": ("james",), "jimmy": ("james",), "jamie": ("james",), "jack": ("john",),
    "johnny": ("john",), "harry": ("henry", "harold"), "hal": ("henry",), "charlie": ("charles", "charlotte"),
    "chuck": ("charles",), "sam": ("samuel", "samantha"), "sammy": ("samuel",), "ben": ("benjamin",),
    "nick": ("nicholas",), "mike": ("michael",), "tony": ("anthony",), "joe": ("joseph",), "joey": ("joseph",),
    "dan": ("daniel",), "danny": ("daniel",), "fred": ("frederick", "alfred"), "freddy": ("frederick", "frederic"),
    "freddie": ("frederick", "frederic"), "alf": ("alfred",), "bert": ("albert", "herbert", "robert"),
    "nell": ("eleanor", "ellen", "helen"), "nelly": ("eleanor", "ellen", "helen"), "ellie": ("eleanor", "ellen"),
    "meg": ("margaret",), "maggie": ("margaret",), "peggy": ("margaret",), "polly": ("mary",), "molly": ("mary",),
    "mamie": ("mary",), "sally": ("sarah",), "sukey": ("susan",), "sue": ("susan", "susanna"), "susie": ("susan",),
    "annie": ("anne", "ann", "anna"), "nan": ("anne",), "nancy": ("anne",), "abby": ("abigail",),
    "becky": ("rebecca",), "dolly": ("dorothy",), "dora": ("dorothy", "theodora"), "dot": ("dorothy",),
    "patty": ("martha", "patricia"), "mattie": ("martha", "matilda"), "tilly": ("matilda",), "milly": ("mildred", "millicent"),
    "lucy": ("lucille", "lucinda"), "henny": ("henrietta",), "hetty": ("henrietta", "hester"), "jo": ("josephine",),
    "georgie": ("george", "georgiana"), "gussie": ("augusta", "augustus"), "augie": ("augustus",),
    "di": ("diana",), "em": ("emma", "emily"), "emmy": ("emma", "emily"), "fitz": ("fitzwilliam",),
    "nat": ("nathaniel", "nathan"), "pip": ("philip",), "phil": ("philip",), "steve": ("stephen", "steven"),
    "andy": ("andrew",), "drew": ("andrew",), "alex": ("alexander", "alexandra"), "sandy": ("alexander", "alexandra"),
    "chris": ("christopher", "christine"), "matt": ("matthew",), "pat": ("patrick", "patricia"),
    "greg": ("gregory",), "larry": ("lawrence",), "ron": ("ronald",), "ginny": ("ginevra", "virginia"),
    "herm": ("hermione",), "mione": ("hermione",), "hermy": ("hermione",), "dray": ("draco",),
    "belle": ("isabella", "isabel", "arabella", "annabella"), "bella": ("isabella", "isabel", "arabella"),
    "isa": ("isabella", "isabel"), "bertie": ("albert", "herbert", "bertram"),
    "gus": ("augustus", "gustavus"), "kit": ("christopher", "catherine"), "lottie": ("charlotte",),
    "tilda": ("matilda",), "lou": ("louisa", "louise"), "louie": ("louisa", "louis"), "dolf": ("adolphus",),
    "reggie": ("reginald",), "archie": ("archibald",), "bart": ("bartholomew",), "toby": ("tobias",),
    "jeannie": ("jane", "jean"), "winnie": ("winifred",), "carrie": ("caroline", "carolina"),
    "carry": ("caroline",), "sid": ("sidney", "sydney"), "vic": ("victor", "victoria"), "val": ("valentine",),
    "charley": ("charles",), "hattie": ("harriet", "henrietta"), "minnie": ("mary", "wilhelmina"),
    "daisy": ("margaret",), "patsy": ("patricia", "martha"), "algy": ("algernon",), "jem": ("james",),
    "noll": ("oliver",), "etta": ("henrietta",), "nettie": ("henrietta", "jeannette"), "gertie": ("gertrude",),
    "josie": ("josephine",), "tess": ("teresa", "theresa"), "tessa": ("teresa", "theresa"), "rosie": ("rose",),
    "bessie": ("elizabeth",), "cissy": ("cecilia", "cecily"), "sophy": ("sophia",), "lucia": ("lucy",),
}
# places a single capitalised word names (continents, countries, old realms, U.S. states, large cities), for
# names without a title: "upon Mars", "in America", "to Prato" are no characters. Words also used as given names
# ("Florence", "Victoria", "Virginia", "Paris", "Troy", "India") and the gods of the planets are left out.
PLACE_NAMES = frozenset("""
africa america americas antarctica arctic australia europe oceania earth mars afghanistan albania algeria
andorra angola argentina armenia austria azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize
benin bhutan bolivia bosnia botswana brazil brunei bulgaria burma cambodia cameroon canada chile china colombia
congo croatia cuba cyprus czechia denmark djibouti ecuador egypt eritrea estonia ethiopia fiji finland france
gabon gambia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland indonesia iran
iraq ireland italy jamaica japan kazakhstan korea kosovo kuwait laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
moldova monaco mongolia montenegro morocco mozambique myanmar namibia nepal netherlands nicaragua niger nigeria
norway oman pakistan panama paraguay peru philippines poland portugal qatar romania russia rwanda senegal
serbia seychelles singapore slovakia slovenia somalia spain sudan suriname swaziland sweden switzerland syria
taiwan tajikistan tanzania thailand togo tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan
vanuatu venezuela vietnam yemen zambia zimbabwe england scotland wales britain prussia bohemia bavaria saxony
hanover holland flanders persia arabia abyssinia siam ceylon burmah hindostan hindustan mesopotamia palestine
judea galilee assyria babylon carthage byzantium macedonia sparta athens thebes alabama alaska arizona arkansas
california colorado connecticut delaware florida hawaii idaho illinois iowa kansas kentucky louisiana
maine maryland massachusetts michigan minnesota mississippi missouri nebraska nevada ohio oklahoma oregon
pennsylvania tennessee texas utah vermont wisconsin wyoming london rome berlin madrid lisbon moscow petersburg
petersburgh dublin edinburgh glasgow liverpool manchester birmingham bristol oxford cambridge brighton calcutta
bombay madras delhi cairo constantinople jerusalem venice naples genoa turin zurich amsterdam brussels antwerp
hamburg munich dresden prague warsaw stockholm copenhagen christiania boston chicago philadelphia baltimore
pittsburgh cincinnati detroit toronto montreal quebec ottawa winnipeg vancouver melbourne brisbane tokyo peking
shanghai canton hongkong bengal punjab calais marseilles lyons bordeaux rouen versailles""".split())
# heads of descriptions of animals (talking animals and summons are characters: "the dog", "the pug")
ANIMAL_HEADS = frozenset("""dog dogs hound puppy pup pug wolf cat kitten fox bird horse pony rabbit canine ninken toad
frog snake slug beast animal creature mutt hatchling dragon owl raven crow hawk monkey bear tiger lion""".split())
