"""The words a fandom pack's ``hair`` and ``roles`` fields may use, and how the characters stage groups them
(:mod:`ficlens.stages.char_looks` reads "the pinkette", "the older jonin" with them)."""

from __future__ import annotations

# colour words -> colour group (hair called silver, grey or white is one look in fiction)
COLOURS: dict[str, str] = {
    "silver": "silver", "silvery": "silver", "grey": "silver", "gray": "silver", "white": "silver",
    "platinum": "blond", "pink": "pink", "rose": "pink", "bubblegum": "pink", "blond": "blond",
    "blonde": "blond", "golden": "blond", "gold": "blond", "yellow": "blond", "flaxen": "blond",
    "red": "red", "ginger": "red", "auburn": "red", "copper": "red", "scarlet": "red", "crimson": "red",
    "black": "black", "raven": "black", "ebony": "black", "brown": "brown", "chestnut": "brown",
    "brunette": "brown", "blue": "blue", "indigo": "blue", "navy": "blue", "green": "green",
    "purple": "purple", "violet": "purple", "lavender": "purple", "orange": "orange",
}
# rank and trade words a fandom pack may list as a character's roles (spelling variants -> one role)
ROLES: dict[str, str] = {
    "jonin": "jonin", "jounin": "jonin", "chunin": "chunin", "chuunin": "chunin", "genin": "genin",
    "kunoichi": "kunoichi", "konoichi": "kunoichi", "medic": "medic", "medic-nin": "medic", "sannin": "sannin",
    "anbu": "anbu", "jinchuriki": "jinchuriki", "jinchuuriki": "jinchuriki", "auror": "auror",
    "potions master": "potions master", "headmaster": "headmaster", "headmistress": "headmaster",
}
