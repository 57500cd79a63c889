"""Characters: name mentions, clustering into characters, gender, pronoun and nominal coreference.

``CharacterStage`` fills ``work.characters`` (ids equal list indices, most
mentioned first), ``work.mentions`` (kind name | pronoun | nominal) and
``work.fandoms``. Fandom packs, when one matches, only canonicalise names;
everything else comes from the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

from ficlens.document import Character, Evidence, Work
from ficlens.stages.char_build import count_presence
from ficlens.stages.char_cluster import Entity, cluster_names
from ficlens.stages.char_kin import link_relatives
from ficlens.stages.char_looks import link_looks
from ficlens.stages.char_lexicon import PERSON_NOUNS, PRONOUNS
from ficlens.stages.char_roles import GENERIC_HEADS, add_described_characters
from ficlens.stages.char_names import MODIFIER, NameFinder, NameStats, pack_titles
from ficlens.stages.char_narrator import NARRATOR_EVIDENCE, addressed_narrator, pov_names
from ficlens.stages.char_pins import apply_pins, pin_pack_animals, pin_pack_epithets
from ficlens.stages.char_shared import assign_shared
from ficlens.stages.coref import (PSEUDO, Resolver, Slot, chain_unresolved, dialogue_first_person, find_nominals,
                                  find_pronouns, mentions_from_slots, paragraph_quotes)
from ficlens.stages.coref_mentions import ARTICLES

NARRATOR = "Narrator"
UNNAMED_CHAINS = 100_000
WINDOW = 6  # paragraphs around a bare title where its holder must be named
_NOT_HOLDER = re.compile(r"\b(?:future|former|next|previous|late|new|first|second|third|fourth|fifth|sixth|"
                         r"seventh|eighth|would-be)\s+$", re.I)  # Mention.chain ids of unnamed people start here
_NAME_INTRO = re.compile(r"\b(?:[Mm]y name (?:is|was)|[Cc]all me|I am|I'm|I was)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+)?)")


_FREQ_COLUMNS = slice(30, 86)  # one column per country, a frequency digit 1-9/A-D ("Great Britain", "Ireland", "U.S.A." first)
_ENGLISH_COLUMNS = 3
_FREQ_DIGITS = frozenset("123456789ABCD")


def _entity_named(entities: list[Entity], name: str) -> int | None:
    """The first entity that goes by ``name`` (one of its name keys, or its first word among the entity's words)."""
    for ei, ent in enumerate(entities):
        if name in ent.keys or name.split()[0].lower() in ent.words:
            return ei
    return None


def _entry_weight(line: str) -> float:
    """How common a nam_dict entry is: its frequency digits summed, the English-speaking countries counted thrice."""
    return float(sum(int(ch, 16) * (3 if k < _ENGLISH_COLUMNS else 1)
                     for k, ch in enumerate(line[_FREQ_COLUMNS]) if ch in _FREQ_DIGITS))


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """Given name -> M / F, or "?" for a name used for both (gender-guesser's name list; {} when it is not
    installed). A name listed for both genders takes the one its frequencies favour three to one ("Jane": F in
    Britain and the U.S., M in one small country), else it is "?"; unisex entries ("? Robin") say nothing."""
    try:
        from importlib.resources import files

        data = files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes().decode("utf-8", "replace")
    except Exception:
        return {}
    entries: dict[str, list[tuple[str, str]]] = {}  # name -> (M | F | ?, its line) per entry
    for m in re.finditer(r"^(1?\??[MF?]) +(\S+).*$", data, re.M):
        code, name = m.group(1), m.group(2).lower()
        g = "?" if code == "?" else "M" if code.endswith("M") else "F"
        for variant in {name.replace("+", ""), name.replace("+", "-")}:
            entries.setdefault(variant, []).append((g, m.group(0)))
    names: dict[str, str] = {}
    for name, listed in entries.items():
        genders = {g for g, _ in listed} - {"?"}  # unisex entries say nothing
        if len(genders) < 2:
            names[name] = genders.pop() if genders else "?"
            continue
        w = {"M": 0.0, "F": 0.0}
        for g, line in listed:
            if g != "?":
                w[g] += max(_entry_weight(line), 0.5)  # an entry with no figures still counts a little
        names[name] = "M" if w["M"] >= 3 * w["F"] else "F" if w["F"] >= 3 * w["M"] else "?"
    return names


def alias_like(surface: str) -> bool:
    """A description that can stand as a character's alias: two words or more ("the copy-nin", "his mother") or a
    capitalised word, but not a bare lowercase noun ("man" of Pride and Prejudice's Darcy: every other man of the
    text would then read as him, in speech tags and among the speaker's candidates) nor a determiner and a generic
    head ("the woman", "the lady", "the boy")."""
    words = surface.split()
    if len(words) == 2 and words[0].lower() in ARTICLES and \
            words[1].lower() in GENERIC_HEADS:
        return False
    return len(words) > 1 or (bool(words) and words[0][:1].isupper())


@lru_cache(maxsize=4096)
def guess_gender(word: str) -> str:
    """M/F from a first-name list (a weak prior), '' when unknown or used for both."""
    g = _first_names().get(word.lower(), "") if len(word) >= 2 else ""
    return "" if g == "?" else g


def _fandom_pack(text: str, names: list[str]):
    """(fandoms, pack) from ficlens.fandoms when it is available; never raises."""
    try:
        from ficlens.fandoms import detect_fandoms, get_pack
    except Exception:
        return [], None
    try:
        fandoms = list(detect_fandoms(text, names) or [])
    except Exception:
        return [], None
    pack = None
    for name, conf in fandoms:
        if conf >= 0.5:
            try:
                pack = get_pack(name)
            except Exception:
                pack = None
            if pack is not None:
                break
    return fandoms, pack


RANK_PRIOR = 0.2  # M votes per written "Captain X"/"General X" of a character without a gendered title


class CharacterStage:
    name = "characters"
    requires: tuple[str, ...] = ("tokens",)

    def __init__(self, use_fandoms: bool = True, coref_model: str | object | None = "full") -> None:
        self.finder = NameFinder(given_name=guess_gender)
        self.resolver = Resolver()
        self.use_fandoms = use_fandoms
        # the learned ranker (ficlens.stages.coref_rank) by model name, or any object with its resolve();
        # None, or missing weights, falls back to the salience rules
        if isinstance(coref_model, str):
            from ficlens.stages.coref_rank import RankResolver, load_model

            model = load_model(coref_model)
            coref_model = RankResolver(model) if model is not None else None
        self.ranker = coref_model

    def __call__(self, work: Work) -> Work:
        if work.tokens is None:
            from ficlens.pipeline import run_stage  # pragma: no cover - the pipeline normally did it

            run_stage(work, "tokens")
        candidates = self.finder.candidates(work)
        names = self.finder.find(work, candidates)
        sent_starts = [s.start for s in work.sentences]

        def sentence_of(offset: int) -> int:
            return bisect_right(sent_starts, offset) - 1

        pack = None
        if self.use_fandoms:
            shown = sorted(names, key=lambda k: -len(names[k].occurrences))[:50]
            work.fandoms, pack = _fandom_pack(work.text, [" ".join(names[k].core) for k in shown])
            if pack is not None:
                names = self.finder.find(work, candidates, pack)
        paragraph_of = work.paragraph_finder()
        entities = cluster_names(names, sentence_of, guess_gender, pack, paragraph_of)
        quotes = paragraph_quotes(work)
        slots = self._name_slots(work, names, entities, paragraph_of)
        pronouns = find_pronouns(work, quotes)
        genders, gconf = self._genders(work, entities, slots, pronouns)
        narrator = self._narrator(work, entities, pronouns, genders, gconf, quotes, slots, paragraph_of)
        if pack is not None:
            slots += self._title_slots(work, pack_titles(candidates, pack), entities, slots, pronouns,
                                       paragraph_of, sentence_of, quotes)
        nominals = find_nominals(work, quotes)
        pin_pack_epithets(work, nominals, entities, pack)
        kinds = {ei: getattr(e.pack, "kind", "") for ei, e in enumerate(entities) if e.pack is not None}
        pin_pack_animals(work, nominals, slots, kinds, paragraph_of)
        all_slots = slots + pronouns + nominals
        if self.ranker is not None:
            self.ranker.resolve(work, all_slots, genders, narrator, quotes, kinds)
        else:
            self.resolver.resolve(work, all_slots, genders, narrator, kinds)
            dialogue_first_person(work, quotes, all_slots)
            chain_unresolved(work, all_slots)
        apply_pins(all_slots)
        link_relatives(work.text, all_slots, entities, names, genders)
        link_looks(work.text, all_slots, entities, genders, paragraph_of)
        # unresolved pronouns stay as mentions without a character (they are still references to people)
        self._build(work, entities, all_slots, genders, gconf, narrator)
        return work

    # -- mentions of names -------------------------------------------------
    def _name_slots(self, work: Work, names: dict[str, NameStats], entities: list[Entity],
                    paragraph_of: Callable[[int], int]) -> list[Slot]:
        toks = work.tokens
        starts = toks.start
        first_of_sent = set()
        prev = -1
        for i, s in enumerate(toks.sent):
            if s != prev:
                first_of_sent.add(i)
                prev = s
        owner = {k: ei for ei, ent in enumerate(entities) for k in ent.keys}
        meant = assign_shared(names, entities, owner, lambda pos: work.paragraphs[paragraph_of(pos)].end)
        slots = []
        for ei, ent in enumerate(entities):
            for key in ent.keys:
                for start, end, surface, flags in names[key].occurrences:
                    if flags & MODIFIER:
                        continue
                    ti = max(0, bisect_right(starts, start) - 1)
                    nxt = bisect_right(starts, end - 1)
                    subject = nxt < len(toks) and toks.pos[nxt] in ("VERB", "AUX")
                    slots.append(Slot(ti, start, end, "name", entity=meant.get(start, ei),
                                      subject=subject or ti in first_of_sent))
        return slots

    @staticmethod
    def _title_slots(work: Work, titles: dict[str, NameStats], entities: list[Entity], slots: list[Slot],
                     pronouns: list[Slot], paragraph_of, sentence_of, quotes: list[tuple[int, int]]) -> list[Slot]:
        """Bare titles ("the Hokage", "Hokage-sama") as mentions of the one holder clearly meant.

        Holders are the characters present in the text whose pack aliases carry the title ("Fifth
        Hokage"); an occurrence in the narration goes to the one holder named within six paragraphs
        whose gender matches the next he/she of its paragraph; a vocative ("Hokage-sama,") to the one
        holder named nearby; otherwise it names nobody.
        """
        if not titles:
            return []
        toks = work.tokens
        paras: dict[int, set[int]] = defaultdict(set)
        for s in slots:
            if s.entity is not None:
                paras[s.entity].add(paragraph_of(s.start))
        subj = sorted((p.start, p.gender) for p in pronouns
                      if p.person == 3 and not p.in_quote and p.head in ("he", "she"))
        subj_starts = [a for a, _ in subj]
        out = []
        for key, st in sorted(titles.items()):
            word = " ".join(st.core).casefold()
            holders = [ei for ei, e in enumerate(entities) if e.pack is not None and paras.get(ei) and any(
                word in alias.casefold().split() for alias in getattr(e.pack, "aliases", []))]
            if not holders:
                continue
            for start, end, _surface, flags in st.occurrences:
                if flags & MODIFIER:
                    continue
                p = paragraph_of(start)
                if _NOT_HOLDER.search(work.text, max(0, start - 12), start):
                    continue  # "the future Hokage", "the former Hokage": someone else
                near = [ei for ei in holders if any(abs(q - p) <= WINDOW for q in paras[ei])]
                if any(a <= start < b for a, b in quotes):
                    if not re.match(r"\s*[,!?]", work.text[end:end + 3]):
                        continue  # in speech only a vocative ("Hokage-sama,") names the one addressed
                else:
                    # narration: the next he/she, in this or the next sentence with no name between, decides
                    lead = work.text[work.sentences[sentence_of(start)].start:start].strip().lower()
                    if lead not in ("", "the"):
                        continue  # only a title opening its sentence ("The Hokage nodded. She ...")
                    k = bisect_right(subj_starts, end)
                    if k >= len(subj) or sentence_of(subj[k][0]) - sentence_of(start) > 1 or \
                            any(end <= n.start < subj[k][0] for n in slots):
                        continue
                    near = [ei for ei in near if getattr(entities[ei].pack, "gender", "") == subj[k][1]]
                if len(near) == 1:
                    ti = max(0, bisect_right(toks.start, start) - 1)
                    out.append(Slot(ti, start, end, "name", entity=near[0]))
        return out

    # -- gender --------------------------------------------------------------
    def _genders(self, work: Work, entities: list[Entity], names: list[Slot], pronouns: list[Slot]):
        """Gender per entity from the pronouns that follow its names, with titles and name lists as priors."""
        votes: dict[int, Counter] = defaultdict(Counter)
        toks, text = work.tokens, work.text
        name_at = {s.tok: s for s in names}
        n = len(toks)
        for s in names:
            # the first third-person pronoun after the name in its clause ("Sakura shook her head")
            j = bisect_right(toks.start, s.end - 1)
            limit = min(n, j + 14)
            weight = 1.0 if s.subject else 0.5
            while j < limit and toks.sent[j] == toks.sent[s.tok]:
                w = text[toks.start[j]:toks.end[j]]
                if j in name_at or w in ('"', "“", "”", ";", ":") or toks.tag[j] == "WP":
                    break
                lw = w.lower()
                info = PRONOUNS.get(lw)
                if info is not None and info[1] == 3 and info[0] in ("M", "F"):
                    if lw.endswith("self"):
                        votes[s.entity][info[0]] += 3 * weight
                    elif lw in ("he", "she"):
                        votes[s.entity][info[0]] += weight
                    elif lw == "his" or (lw == "her" and toks.tag[j] == "PRP$"):
                        votes[s.entity][info[0]] += 0.7 * weight
                    j += 1
                    continue
                j += 1
            _predicate_gender(text, toks, s, votes)
        # the subject pronoun opening the next sentence, after a sentence about one named character
        by_sent: dict[int, set] = defaultdict(set)
        for s in names:
            by_sent[toks.sent[s.tok]].add(s.entity)
        for p in pronouns:
            if p.person != 3 or p.in_quote or p.head not in ("he", "she"):
                continue
            if p.tok > 0 and toks.sent[p.tok - 1] != toks.sent[p.tok] or (p.tok > 1 and toks.sent[p.tok - 2] != toks.sent[p.tok]):
                prev = by_sent.get(toks.sent[p.tok] - 1)
                if prev and len(prev) == 1:
                    votes[next(iter(prev))][p.gender] += 0.4
        genders: dict[int, str] = {}
        conf: dict[int, float] = {}
        for ei, ent in enumerate(entities):
            v = Counter(votes.get(ei, {}))
            hint = ent.gender_hint()
            if hint:
                v[hint] += max(5.0, 0.5 * ent.title_gender[hint])  # every "Mr. Knightley" says he
            elif ent.ranked:
                # a rank ("Captain Wentworth", "General Tilney"): a prior as a given name is, firmer the more often
                # it is written, as pronouns after a name in a crowded room may be anyone's
                v["M"] += max(1.5, RANK_PRIOR * ent.ranked)
            pg = getattr(ent.pack, "gender", "") if ent.pack is not None else ""
            if pg in ("M", "F"):
                v[pg] += 8
            elif pg == "N":
                v["N"] += 8
            # the given names ("Henry" and "Hen" alike), when the name lists agree on them
            given = {guess_gender(w) for w in (ent.first or ent.words)} - {""}
            if len(given) == 1:
                v[given.pop()] += max(1.5, 0.25 * sum(v.values()))  # a given name outweighs a muddle of pronouns
            total = sum(v.values())
            if not total:
                genders[ei], conf[ei] = "U", 0.0
                continue
            g, n = v.most_common(1)[0]
            c = n / total
            # a clear majority of enough evidence, or a little evidence with nothing against it (one "his" after
            # a nickname no name list knows: "Nippers", "Kinch"; U sent their pronouns to another character)
            genders[ei] = g if (c >= 0.6 and n >= 1.5) or (c >= 0.9 and n >= 0.3) else "U"
            conf[ei] = round(c * (1 - 1 / (1 + total)), 3)
        return genders, conf

    # -- narrator -------------------------------------------------------------
    def _narrator(self, work: Work, entities: list[Entity], pronouns: list[Slot], genders, gconf,
                  quotes: list[tuple[int, int]], names: list[Slot], paragraph_of: Callable[[int], int]) -> int | None:
        """The entity of a first-person narrator: the one named by "My name is ...", by every "X's POV" header or
        by the name the others address the narrator by in ``quotes`` (``char_narrator``, over the name mentions
        ``names``), else a new nameless one; None in other narration."""
        first = sum(1 for p in pronouns if p.person == 1 and not p.in_quote and p.head in ("i", "me", "my", "mine", "myself"))
        if first < max(5, 0.004 * len(work.tokens)):
            return None
        for m in _NAME_INTRO.finditer(work.text):
            named = _entity_named(entities, m.group(1).rstrip("."))
            if named is not None:
                return named
        headed = pov_names(work.text)
        if len(headed) == 1:  # every "Sakura's POV" header names the same one
            named = _entity_named(entities, headed.pop())
            if named is not None:
                return named
        elif not headed:  # (with several viewpoints the "I" changes hands: no one name)
            called = addressed_narrator(work, quotes, names, paragraph_of)
            if called is not None:
                return called
        entities.append(Entity(keys=[], canonical=NARRATOR))
        ei = len(entities) - 1
        genders[ei], gconf[ei] = "U", 0.0
        return ei

    # -- characters ---------------------------------------------------------
    def _build(self, work: Work, entities: list[Entity], slots: list[Slot], genders, gconf,
               narrator: int | None) -> None:
        text = work.text
        count = Counter(s.entity for s in slots if s.entity is not None)
        name_count = Counter(s.entity for s in slots if s.entity is not None and s.kind == "name")
        keep = [ei for ei in range(len(entities)) if name_count[ei] or (entities[ei].canonical == NARRATOR and count[ei])]
        keep.sort(key=lambda ei: (-(name_count[ei] + 0.3 * count[ei]), ei))
        new_id = {ei: i for i, ei in enumerate(keep)}
        nominal_uses: dict[str, Counter] = defaultdict(Counter)
        for s in slots:
            if s.kind == "nominal":
                nominal_uses[text[s.start:s.end].lower()][s.entity] += 1
        chars: list[Character] = []
        n_ch = max(1, len(work.chapters))
        for ei in keep:
            ent = entities[ei]
            cid = new_id[ei]
            ch = Character(id=cid, name=ent.canonical, gender=genders.get(ei, "U"),
                           gender_confidence=gconf.get(ei, 0.0), chapter_presence=[0] * n_ch)
            ch.fandom_id = getattr(ent.pack, "canonical", "") if ent.pack is not None else ""
            if ei == narrator:  # the "I" of the narration: the quotes stage's speaker of "I said"
                ch.evidence.append(Evidence(0, 0, "", NARRATOR_EVIDENCE))
            chars.append(ch)
        for s in slots:
            if s.entity is not None and s.entity >= PSEUDO:
                s.chain, s.entity = UNNAMED_CHAINS + s.entity - PSEUDO, None  # an unnamed person's chain
            if s.entity is None or s.entity not in new_id:
                s.entity = None
                continue
            ch = chars[new_id[s.entity]]
            s.entity = ch.id
            ch.mentions += 1
            if ch.first_offset < 0 or s.start < ch.first_offset:
                ch.first_offset = s.start
            count_presence(work, ch, s.start)
            surface = text[s.start:s.end]
            if s.kind == "name":
                alias = " ".join(surface.split())  # "Mrs.\nLynde" of a hard-wrapped text
                ch.aliases[alias] = ch.aliases.get(alias, 0) + 1
                if len(ch.evidence) < 3:
                    ch.evidence.append(Evidence(s.start, s.end, surface, "name"))
            elif s.kind == "nominal":
                uses = nominal_uses[surface.lower()]
                total = sum(uses.values())
                if total >= 3 and uses.get(None, 0) == 0 and \
                        max(uses.values()) >= 0.75 * total and alias_like(surface):
                    ch.aliases[surface] = ch.aliases.get(surface, 0) + 1
        # nominal aliases: only those consistently resolved to the same character; a name in capitals ("TOM!")
        # only when the character has no other
        for ch in chars:
            shouted = [a for a in ch.aliases if a.isupper() and len(a) > 1]
            if len(shouted) < len(ch.aliases):
                for a in shouted:
                    del ch.aliases[a]
            for surface in [a for a in ch.aliases if a.lower() in nominal_uses]:
                uses = nominal_uses[surface.lower()]
                if max(uses.values()) < 0.75 * sum(uses.values()) or sum(uses.values()) < 3:
                    del ch.aliases[surface]
        work.characters = chars
        work.mentions = mentions_from_slots(slots)
        work.stats["characters"] = len(chars)
        work.stats["mentions"] = len(work.mentions)
        add_described_characters(work)


def _predicate_gender(text: str, toks, s: Slot, votes: dict[int, Counter]) -> None:
    """A name followed by "was a tall, big-boned woman" or "is a good man" ("was"/"is", an indefinite article and
    a gendered person noun, past adjectives, adverbs and commas) votes for that gender as three pronouns would."""
    j = bisect_right(toks.start, s.end - 1)
    n = len(toks.start)
    if j + 2 >= n or text[toks.start[j]:toks.end[j]].lower() not in ("was", "is") or \
            text[toks.start[j + 1]:toks.end[j + 1]].lower() not in ("a", "an"):
        return
    for k in range(j + 2, min(n, j + 8)):
        if toks.sent[k] != toks.sent[j]:
            return
        w = text[toks.start[k]:toks.end[k]].lower()
        g = PERSON_NOUNS.get(w, "") if toks.pos[k] == "NOUN" else ""
        if g in ("M", "F"):
            votes[s.entity][g] += 3.0
            return
        if toks.pos[k] not in ("ADJ", "PUNCT", "ADV", "CCONJ") and "-" not in w:
            return
