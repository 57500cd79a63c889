"""Word lists for speech tags: speech verbs, pronouns, gendered nouns. General English only."""

from __future__ import annotations

from ficlens.stages.char_lexicon import PERSON_NOUNS

SPEECH_VERBS: frozenset[str] = frozenset("""
say says said saying ask asks asked asking reply replies replied replying answer answers answered answering
cry cries cried crying exclaim exclaims exclaimed call calls called shout shouts shouted shouting yell yells
yelled yelling scream screams screamed whisper whispers whispered whispering murmur murmurs murmured murmuring
mutter mutters muttered muttering mumble mumbles mumbled grumble grumbles grumbled growl growls growled
swore swears cursed curses
snap snaps snapped snarl snarls snarled hiss hisses hissed sigh sighs sighed laugh laughs laughed chuckle
chuckles chuckled giggle giggles giggled sob sobs sobbed groan groans groaned moan moans moaned gasp gasps gasped
rejoin rejoins rejoined retort retorts retorted return returns returned respond responds responded continue
continues continued continuing add adds added adding repeat repeats repeated observe observes observed remark
remarks remarked interrupt interrupts interrupted interpose interposes interposed inquire inquires inquired
enquire enquires enquired demand demands demanded pursue pursues pursued resume resumes resumed begin begins
began explain explains explained declare declares declared insist insists insisted protest protests protested
suggest suggests suggested urge urges urged plead pleads pleaded beg begs begged admit admits admitted agree
agrees agreed announce announces announced echo echoes echoed stammer stammers stammered stutter stutters
stuttered bark barks barked roar roars roared bellow bellows bellowed breathe breathes breathed purr purrs
purred drawl drawls drawled croak croaks croaked squeal squeals squealed shriek shrieks shrieked wail wails
wailed whine whines whined complain complains complained chime chimes chimed tease teases teased
joke jokes joked quip quips quipped scoff scoffs scoffed sneer sneers sneered smile smiles smiled grin grins
grinned nod nods nodded reason reasons reasoned warn warns warned order orders ordered command commands
commanded instruct instructs instructed confess confesses confessed conclude concludes concluded
exclaim persist persists persisted falter falters faltered think thinks thought wonder wonders wondered
tell tells told write writes wrote read reads reading sing sings sang hum hummed went go goes
speak speaks spoke spoken query queried question questioned cut object objects objected assent assented
explode exploded gush gushed blurt blurted huff huffed snort snorted grunt grunted hollered holler
seethe seethed appeal appealed mock mocked taunt taunted counter countered correct corrected concede conceded
acknowledge acknowledged offer offered propose proposed venture ventured suppose supposed proceed proceeded
subjoin subjoins subjoined rejoin
yawn yawns yawned pipe pipes piped boom booms boomed reflect reflects reflected corroborate corroborated
hazard hazards hazarded opine opines opined quaver quavers quavered muse muses mused ejaculate ejaculated pant pants
panted lisp lisps lisped expostulate expostulated remonstrate remonstrated thunder thundered screech screeched
lament lamented coo cooed jeer jeered volunteer volunteered remarking calling exclaiming observing inquiring enquiring
declaring interrupting protesting repeating promise promises promised howl howls howled
interject interjects interjected announcing utter utters uttered concluding quoted
accuse accuses accused chide chides chided scold scolds scolded admonish berate berated chastise chastised reprimand
reprimanded coax coaxed deadpan deadpanned rasp rasped croon intone intoned sputter sputtered splutter whimper
snicker snickered snigger sniggered
entreated acquiesced implored assured asserted bawled stated reiterated enunciated confided chattered advised
chorused prompted counselled reassured contradicted affirmed requested reported crooned droned admonished vowed
exhorted apologised apologized blubbered whimpered tittered spluttered mourned informed besought sniffed
acknowledges acquiesces admonishes advises affirms apologises apologizes appeals assents asserts assures bawls
beseeches blubbers blurts chatters choruses concedes confides contradicts coos corrects corroborates counsels
counters croons cuts drones ejaculates entreats enunciates exhorts explodes expostulates grunts gushes hollers
huffs hums implores informs jeers laments mocks mourns offers proceeds prompts proposes queries questions quotes
reassures reiterates remonstrates reports requests screeches seethes sniffs snorts splutters states supposes taunts
thunders titters ventures volunteers vows whimpers

""".split())

# verbs that can only mean speaking, so a phrase after them ("whispered against his lips.") still leads into the
# quotation of the next paragraph (not "returned to his work", "cried into his shoulder", "went into the hall")
VOICE_VERBS = frozenset("""said whispered murmured muttered mumbled hissed replied answered asked exclaimed shouted
yelled screamed stammered stuttered says whispers murmurs mutters mumbles hisses replies answers asks exclaims shouts
yells screams stammers stutters""".split())

# speech verbs that are nouns of gesture after a possessive ("Clara's smile", "his nod"): no speech verb there
GESTURE_NOUNS = frozenset("""smile smiles grin grins nod nods laugh laughs sigh sighs chuckle chuckles giggle giggles
yawn yawns snort snorts sneer sneers""".split())

SUBJECT_PRONOUNS = {"he": "M", "she": "F", "i": "I", "they": "P", "we": "P", "it": "N"}
# a second-person story's narrated "you" is its hero ('"What are you doing?" you ask'), as a narrator's "I" is
SECOND_PERSON_PRONOUNS = {**SUBJECT_PRONOUNS, "you": "I"}
OBJECT_PRONOUNS = {"him": "M", "her": "F", "me": "I", "them": "P", "us": "P"}
POSSESSIVES = {"his": "M", "her": "F", "my": "I", "their": "P", "our": "P"}

MALE_NOUNS = frozenset("""man men boy gentleman gentlemen husband father son brother uncle king lord sir prince
fellow lad guy nephew grandfather grandpa mister master youth old-man monk priest duke count baron groom
bridegroom widower waiter butler footman cabman coachman landlord boatman""".split())
FEMALE_NOUNS = frozenset("""woman women girl lady ladies wife mother daughter sister aunt queen princess niece
grandmother grandma granny mistress maid maiden widow bride housekeeper landlady nurse duchess countess
miss madam governess spinster hostess actress""".split())
# every noun for a person: the gendered ones above and the characters stage's (role) person nouns
PERSON_WORDS = frozenset(PERSON_NOUNS) | MALE_NOUNS | FEMALE_NOUNS

# particle -> verbs that make a speech verb with it ("put in Lucy", "broke in old Isaac", "went on Mr. Weston")
PHRASAL_SPEECH: dict[str, frozenset[str]] = {
    "in": frozenset("put puts broke breaks cut cuts chimed chimes struck strikes joined joins butted slipped slips"
                    .split()),
    "on": frozenset("went goes".split()),
    "out": frozenset("burst bursts blurted blurts sang sings spoke speaks broke breaks".split()),
}

# "tell" of perception: "he could tell she was lying" (after a modal, or before a clause's subject) is no speech
TELL_VERBS = frozenset("tell tells told".split())
MODALS = frozenset("can could cannot can't couldn't".split())
# verbs of hearing: their subject listens ("He leaned closer and heard,"), someone else speaks
HEARING_VERBS = frozenset("hear hears heard overheard listen listens listened".split())

DETERMINERS = frozenset("the his her my their our your a an this that its".split())

# kinship nouns of a possessive speech tag ("cried his wife"), with the gender they imply
KIN_NOUNS: dict[str, str] = {
    **{w: "M" for w in "father papa pa dad daddy husband brother son uncle nephew grandfather grandpa".split()},
    **{w: "F" for w in "mother mamma mama ma mum mom mummy wife sister daughter aunt niece grandmother grandma".split()},
}
# words of a name that are titles or epithets, not the name itself ("Mr.", "old", "Aunt")
TITLE_WORDS = frozenset("""mr mr. mrs mrs. miss ms ms. dr dr. sir lady lord mister madame monsieur mme mlle colonel
captain aunt uncle cousin master mistress the old young little""".split())
# relatives usually named with a title of their own ("his wife" -> "Mrs. Bennet", "her father" -> "Mr. Bennet")
ELDER_KIN = frozenset("father papa pa dad daddy husband uncle grandfather grandpa mother mamma mama ma mum mom mummy wife "
                      "aunt grandmother grandma".split())
TITLES_OF_ADDRESS = frozenset("mr mr. mrs mrs. sir lady lord dr dr. madame monsieur".split())
