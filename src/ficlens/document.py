"""The one document model that ingestion creates and pipeline stages enrich.

A :class:`Work` owns one normalised story ``text``. Everything else points into
it with character offsets (``start`` inclusive, ``end`` exclusive, Python ``str``
indices): chapters, paragraphs, tokens, sentences, mentions, quotations and the
evidence behind every prediction. Author's notes, disclaimers and other
paratext are kept in ``notes`` and never count as story text.

Stages add to a work in place, in the order of :mod:`ficlens.pipeline`:
tokens/sentences -> characters (+ mentions, coreference) -> quotations
(+ speakers, addressees) -> interactions and relationships -> tags.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(slots=True)
class Span:
    """A stretch of ``Work.text``: ``text[start:end]``."""

    start: int
    end: int


@dataclass(slots=True)
class Evidence:
    """Why a prediction was made: a span of the text and a short reason."""

    start: int
    end: int
    text: str
    reason: str = ""


@dataclass(slots=True)
class Note:
    """Paratext that is not story text (A/N, disclaimer, summary, glued title...)."""

    kind: str  # author_note | disclaimer | summary | header | trailer | chapter_summary | end_note
    text: str
    chapter: int | None = None  # chapter index, None for work-level notes


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    chapter: int


@dataclass(slots=True)
class Chapter:
    index: int
    title: str
    start: int
    end: int
    notes: list[Note] = field(default_factory=list)


@dataclass
class WorkMeta:
    """Metadata as the author or archive gave it (never predicted)."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    rating: str = ""
    warnings: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    language: str = ""
    series: list[str] = field(default_factory=list)
    summary: str = ""
    published: str = ""
    updated: str = ""
    status: str = ""  # Completed | In-Progress | ""
    source_url: str = ""
    ids: dict[str, str] = field(default_factory=dict)  # e.g. {"ao3": "123", "ffn": "8067258", "fanficfare_uid": "..."}
    declared_words: int | None = None
    declared_chapters: str = ""
    source_format: str = ""  # plaintext | fanficfare-txt | fanficfare-html | fanficfare-epub | ao3-html | ao3-epub | ao3-page | ffn
    source_path: str = ""
    encoding: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Tokens:
    """Column-oriented tokens (cheap for 500,000-word works).

    ``start[i]:end[i]`` is token ``i`` in ``Work.text``; ``sent[i]`` and
    ``para[i]`` index ``Work.sentences`` and ``Work.paragraphs``.
    """

    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    para: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.start)


@dataclass(slots=True)
class Mention:
    """A reference to a character: a name, a pronoun or a description."""

    start: int
    end: int
    character: int | None  # Character.id, None when unresolved
    kind: str  # name | pronoun | nominal
    confidence: float = 1.0
    chain: int | None = None  # coreference chain of mentions that are no character (groups, unnamed people)


@dataclass
class Character:
    id: int
    name: str  # canonical name (AO3 canonical when a fandom pack knows it)
    aliases: dict[str, int] = field(default_factory=dict)  # surface form -> count
    gender: str = "U"  # M | F | N (nonbinary/they) | U
    gender_confidence: float = 0.0
    mentions: int = 0
    first_offset: int = -1
    chapter_presence: list[int] = field(default_factory=list)  # mentions per chapter
    fandom_id: str = ""  # key in the fandom pack, when matched
    quotes: int = 0  # quotations attributed to this character
    words_spoken: int = 0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Quotation:
    """One quotation: one speaker's speech within one paragraph, maybe in several pieces."""

    id: int
    start: int
    end: int
    spans: list[Span] = field(default_factory=list)  # the quoted pieces, without quote marks
    speaker: int | None = None  # Character.id
    speaker_confidence: float = 0.0
    addressees: list[tuple[int, float]] = field(default_factory=list)  # (Character.id, confidence)
    quote_type: str = ""  # Explicit | Anaphoric | Implicit
    method: str = ""  # which rule or model decided
    evidence: list[Evidence] = field(default_factory=list)

    def text(self, work: "Work") -> str:
        return " ".join(work.text[s.start:s.end] for s in self.spans)


@dataclass
class Interaction:
    a: int
    b: int
    co_occurrence: float = 0.0  # scenes/paragraphs shared
    speech: float = 0.0  # quotations from one to the other
    action: float = 0.0  # one acting on the other
    weight: float = 0.0
    by_chapter: dict[int, float] = field(default_factory=dict)


@dataclass
class Relationship:
    a: int
    b: int
    kind: str  # romantic | platonic
    subtype: str = ""  # friendship | mentor | team | family | rivalry | romance | past | ...
    confidence: float = 0.0
    tag: str = ""  # AO3-style tag, e.g. "Haruno Sakura/Hatake Kakashi"
    mentioned_only: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Tag:
    """A predicted tag of one AO3 type, with confidence and evidence."""

    type: str  # fandom | rating | warning | category | relationship | character | genre | additional
    name: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass
class Work:
    text: str
    meta: WorkMeta = field(default_factory=WorkMeta)
    chapters: list[Chapter] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    scene_breaks: list[int] = field(default_factory=list)  # offsets where a scene break stood
    # enriched by the pipeline
    tokens: Tokens | None = None
    sentences: list[Span] = field(default_factory=list)
    characters: list[Character] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    fandoms: list[tuple[str, float]] = field(default_factory=list)  # predicted (fandom, confidence)
    stats: dict[str, Any] = field(default_factory=dict)
    stages_run: list[str] = field(default_factory=list)

    def character(self, cid: int | None) -> Character | None:
        if cid is None or cid < 0 or cid >= len(self.characters):
            return None
        c = self.characters[cid]
        return c if c.id == cid else next((x for x in self.characters if x.id == cid), None)

    def chapter_of(self, offset: int) -> int:
        """Index of the chapter holding ``offset`` (0 when there are none)."""
        for ch in self.chapters:
            if ch.start <= offset < ch.end:
                return ch.index
        return self.chapters[-1].index if self.chapters else 0

    def paragraph_finder(self) -> Callable[[int], int]:
        """A function offset -> index of the paragraph holding it (-1 before the first), built once per call."""
        starts = [p.start for p in self.paragraphs]
        return lambda offset: bisect_right(starts, offset) - 1

    def tags_of(self, tag_type: str) -> list[Tag]:
        return [t for t in self.tags if t.type == tag_type]
