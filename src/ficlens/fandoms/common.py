"""Names and words too common in ordinary English text to point to a fandom.

A pack character whose given (or family) name is in :data:`COMMON` ("Harry",
"Sam", "Dean", "John", "Tony", "Lee", "Black") gets a tiny detection weight:
only distinctive names, full names and jargon can make a fandom confident.
"""

from __future__ import annotations

_GIVEN = """
aaron abby abigail adam adrian agnes alan albert alex alexander alfred alice allen amanda amy andrew andy angela
anna anne annie anthony arthur barbara barry bart ben benjamin beth betty bill billy bob bobby bonnie brad brian
bruce carl carol caroline catherine charles charlie charlotte chris christian christopher chuck claire
clara clark clint colin daisy dan daniel danny david dean debbie dennis diana dick don donald donna dorothy doug
ed eddie edith eileen edmund edward eleanor elizabeth ella ellen ellie emily emma eric ethel eugene eve evelyn fanny
frank fred freddie frederick gabriel gary george georgia gerald gilbert grace greg gregory hannah harold harriet
harry helen henry herbert howard hugh ian isaac isabel isabella jack jackie jacob james jamie jane janet jason
jean jeff jennifer jenny jerry jessica jim jimmy jo joan joe john johnny jonathan joseph josh joshua harley julia julian
julie karen kate katherine kathy kelly ken kevin kim kitty larry laura lauren lee leo leon lewis lily linda lisa
liz lizzie lois louis louise lucy luke lydia maggie margaret maria marie mark martha martin mary matt matthew
may meg megan michael mike molly nancy natalie nathan ned nick nicholas nora oliver olivia oscar pam pat patrick
paul peggy penny percy peter phil philip polly rachel ralph ray rebecca richard rick rob robert robin roger ron
ronald rose ruby russell ruth sally sam samuel sara sarah scott sean sharon simon sophia sophie stan stephen
steve steven sue susan ted teddy thomas tim timothy tom tommy tony victor victoria vincent walter wanda wendy
will william willie willy
"""

_FAMILY = """
adams allen anderson baker barnes black brown butler carter clark cooper davis edwards evans ford foster green
hall harris hill holmes hudson hughes jackson james johnson jones king lee lewis martin miller mitchell moore
morgan morris murphy nelson parker phillips potter price reed roberts robinson rogers ross scott shaw smith
stark stewart taylor thomas thompson turner walker ward watson white williams wilson wood wright young
"""

# English words that are also character names in some fandom.
_WORDS = """
pain guy vision hope rock hawk hawks may will rose bee tobi solo rex finn poe han ben jack chuck crow baby
grace faith angel star storm mist sage shadow hound fox frost iron snow cap kid boss red green white gray grey
lady ace doc sparky shark spider wolf ghost""" 

COMMON: frozenset[str] = frozenset((_GIVEN + _FAMILY + _WORDS).split())


def is_common(word: str) -> bool:
    """True when ``word`` (any case) is an everyday English name or word."""
    return word.casefold() in COMMON
