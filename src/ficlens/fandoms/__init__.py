"""Fandom knowledge packs, fandom detection and ship names.

>>> from ficlens.fandoms import get_pack, parse_ship, relationship_tag
>>> get_pack("NARUTO").lookup("Kakashi-sensei").canonical
'Hatake Kakashi'
>>> parse_ship("KakaSaku")
['Hatake Kakashi', 'Haruno Sakura']
>>> relationship_tag(["Hatake Kakashi", "Haruno Sakura"], romantic=True)
'Haruno Sakura/Hatake Kakashi'

Packs are JSON files in ``ficlens/fandoms/packs/`` plus any folder named by
``$FICLENS_FANDOM_PACKS`` (see docs/fandom-packs.md).
"""

from ficlens.fandoms.detect import detect_fandoms
from ficlens.fandoms.pack import Cue, FandomPack, PackCharacter
from ficlens.fandoms.registry import all_packs, clear_cache, get_pack
from ficlens.fandoms.ships import canonical_name, parse_ship, relationship_tag

__all__ = [
    "Cue",
    "FandomPack",
    "PackCharacter",
    "all_packs",
    "canonical_name",
    "clear_cache",
    "detect_fandoms",
    "get_pack",
    "parse_ship",
    "relationship_tag",
]
