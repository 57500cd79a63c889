"""Synthetic analysed works (random names, dialogue, tags) for library tests and benchmarks.

Nothing here is fan fiction knowledge: names and words are drawn at random
from small invented lists so that filters and pages can be exercised at scale.
"""

from __future__ import annotations

import html
import random
from pathlib import Path

from ficlens.document import (Character, Chapter, Evidence, Interaction, Paragraph, Quotation, Relationship, Span,
                              Tag, Work, WorkMeta)
from ficlens.wordcount import ao3_word_count

GIVEN = ["Aren", "Bel", "Cato", "Dara", "Eiko", "Fenn", "Gale", "Hiro", "Isha", "Jun", "Kael", "Lio", "Mira", "Nox",
         "Oren", "Pia", "Quill", "Rhea", "Sol", "Tam", "Uma", "Vero", "Wren", "Yuki"]
FAMILY = ["Ashford", "Brightwater", "Castell", "Drummond", "Everly", "Fairbanks", "Greaves", "Holloway", "Ibarra",
          "Jansen", "Kestrel", "Lindqvist", "Marlowe", "Northcott"]
WORDS = ("the rain came down over the harbour and the lanterns swung in the wind while the old bridge creaked "
         "under every step she took toward the market where bread and salt were sold by the weight of a promise "
         "nobody remembered making").split()
VERBS = ["said", "asked", "whispered", "replied", "muttered", "called"]
RATINGS = ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated"]
WARNINGS = ["No Archive Warnings Apply", "Graphic Depictions Of Violence", "Major Character Death"]
ADDITIONAL = ["Hurt/Comfort", "Angst", "Fluff", "Slow Burn", "Found Family", "Humor", "Enemies to Lovers",
              "Alternate Universe", "Time Travel", "Happy Ending"]
FANDOMS = ["Harbour Tales", "Skyward Academy", "The Salt Road"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def synthetic_work(i: int, rng: random.Random | None = None, paragraphs: int = 24, chapters: int = 1) -> Work:
    """Work number ``i``: a few named characters talking, with author tags, predicted tags and relationships."""
    rng = rng or random.Random(i)
    people = rng.sample([(g, f) for g in GIVEN for f in FAMILY], rng.randint(3, 6))
    names = [f"{f} {g}" for g, f in people]  # family name first, as AO3 tags many fandoms
    parts: list[str] = []
    paras: list[Paragraph] = []
    quotes: list[Quotation] = []
    per_char_quotes = [0] * len(names)
    per_char_words = [0] * len(names)
    presence = [[0] * chapters for _ in names]
    pos = 0
    chs: list[Chapter] = []
    for ch in range(chapters):
        ch_start = pos if not parts else pos + 2
        for _ in range(paragraphs):
            if parts:
                parts.append("\n\n")
                pos += 2
            start = pos
            if rng.random() < 0.5:
                who = rng.randrange(len(names))
                to = rng.choice([k for k in range(len(names)) if k != who])
                said = _sentence(rng, rng.randint(4, 12))
                tail = f" {people[who][0]} {rng.choice(VERBS)}. {_sentence(rng, rng.randint(5, 15))}"
                text = f"\u201c{said}\u201d{tail}"
                q = Quotation(id=len(quotes), start=start, end=start + len(said) + 2,
                              spans=[Span(start + 1, start + 1 + len(said))], speaker=who,
                              speaker_confidence=round(rng.uniform(0.6, 0.99), 2), addressees=[(to, 0.7)],
                              quote_type="Explicit", method="synthetic")
                quotes.append(q)
                per_char_quotes[who] += 1
                per_char_words[who] += ao3_word_count(said)
                presence[who][ch] += 1
                presence[to][ch] += 1
            else:
                who = rng.randrange(len(names))
                text = f"{people[who][0]} waited. " + " ".join(_sentence(rng, rng.randint(6, 16))
                                                               for _ in range(rng.randint(2, 5)))
                presence[who][ch] += 1
            parts.append(text)
            pos += len(text)
            paras.append(Paragraph(start, pos, ch))
        chs.append(Chapter(ch, f"Chapter {ch + 1}" if chapters > 1 else "", ch_start, pos))
    text = "".join(parts)
    characters = [Character(id=k, name=n, aliases={people[k][0]: presence[k][0] + 1, n: 1}, gender=rng.choice("MFU"),
                            mentions=sum(presence[k]) + 1, chapter_presence=presence[k], quotes=per_char_quotes[k],
                            words_spoken=per_char_words[k]) for k, n in enumerate(names)]
    pair = sorted(rng.sample(range(len(names)), 2))
    romantic = rng.random() < 0.6
    rel_tag = ("/" if romantic else " & ").join(sorted(names[k] for k in pair))
    ev_quote = quotes[0] if quotes else None
    evidence = [Evidence(ev_quote.start, ev_quote.end, text[ev_quote.start:ev_quote.end], "they talk")] if ev_quote else []
    relationships = [Relationship(a=pair[0], b=pair[1], kind="romantic" if romantic else "platonic",
                                  subtype="romance" if romantic else "friendship",
                                  confidence=round(rng.uniform(0.5, 0.95), 2), tag=rel_tag, evidence=evidence)]
    interactions = [Interaction(a=a, b=b, speech=float(rng.randint(1, 9)), weight=float(rng.randint(1, 9)))
                    for a in range(len(names)) for b in range(a + 1, len(names)) if rng.random() < 0.6]
    predicted = [Tag("additional", t, round(rng.uniform(0.2, 0.98), 2),
                     evidence=[Evidence(paras[0].start, paras[0].end, text[paras[0].start:paras[0].end][:120],
                                        "synthetic cue")]) for t in rng.sample(ADDITIONAL, 3)]
    predicted.append(Tag("relationship", rel_tag, relationships[0].confidence))
    predicted += [Tag("character", n, 0.9) for n in names[:3]]
    meta = WorkMeta(
        title=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}",
        authors=[f"{rng.choice(GIVEN).lower()}_{rng.choice(FAMILY).lower()}"],
        fandoms=[rng.choice(FANDOMS)],
        rating=rng.choice(RATINGS) if rng.random() < 0.8 else "",
        warnings=[rng.choice(WARNINGS)],
        categories=["M/M" if romantic else "Gen"],
        relationships=[rel_tag] if rng.random() < 0.7 else [],
        characters=[names[k] for k in pair],
        additional_tags=rng.sample(ADDITIONAL, 2),
        summary=_sentence(rng, 18),
        language="English",
        published=f"20{rng.randint(10, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        status=rng.choice(["Completed", "In-Progress"]),
        source_format="synthetic",
    )
    meta.updated = meta.published
    work = Work(text=text, meta=meta, chapters=chs, paragraphs=paras, characters=characters, quotations=quotes,
                interactions=interactions, relationships=relationships, tags=predicted)
    work.stats.update(words=ao3_word_count(text), chapters=chapters, paragraphs=len(paras))
    return work


def write_work_file(work: Work, folder: Path, stem: str, fmt: str) -> Path:
    """Write a synthetic work as a plain-text file or as AO3-download-style HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    paras = [work.text[p.start:p.end] for p in work.paragraphs]
    if fmt == "txt":
        path = folder / f"{stem}.txt"
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        return path
    m = work.meta
    dd = lambda label, values: (f"<dt>{label}:</dt><dd>" + ", ".join(f'<a href="#">{html.escape(v)}</a>' for v in values)
                                + "</dd>") if values else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    doc = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(m.title)} - {html.escape(m.authors[0])}"
           f" - {html.escape(m.fandoms[0])}</title></head><body><div id='preface'><p class='message'><b>"
           f"{html.escape(m.title)}</b></p><div class='meta'><dl class='tags'>{dd('Rating', [m.rating] if m.rating else [])}"
           f"{dd('Archive Warning', m.warnings)}{dd('Category', m.categories)}{dd('Fandom', m.fandoms)}"
           f"{dd('Relationship', m.relationships)}{dd('Characters', m.characters)}{dd('Additional Tags', m.additional_tags)}"
           f"<dt>Language:</dt><dd>{m.language}</dd><dt>Stats:</dt><dd>Published: {m.published} Words: "
           f"{work.stats['words']:,} Chapters: 1/1</dd></dl><h1>{html.escape(m.title)}</h1><div class='byline'>by "
           f"<a rel='author' href='#'>{html.escape(m.authors[0])}</a></div><p>Summary</p><blockquote class='userstuff'>"
           f"<p>{html.escape(m.summary)}</p></blockquote></div></div><div id='chapters' class='userstuff'>"
           f"<h2 class='toc-heading'>{html.escape(m.title)}</h2><div class='userstuff'>{body}</div></div></body></html>")
    path = folder / f"{stem}.html"
    path.write_text(doc, encoding="utf-8")
    return path
