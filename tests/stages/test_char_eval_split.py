"""The PDNC tune / held-out split of ``ficlens eval characters`` (issue 3)."""

from __future__ import annotations

from ficlens.eval.characters import evaluate, pdnc_half

TEXT = ("Anne Shirley walked home. Anne said she was tired. Marilla Cuthbert smiled and she nodded. "
        "\"Anne,\" said Marilla, \"sit down.\" Anne sat down and she laughed. Marilla laughed too.\n")
INFO = ("Character ID,Main Name,Aliases,Gender,Category\n"
        "0,Anne Shirley,\"{'Anne', 'Anne Shirley'}\",F,major\n"
        "1,Marilla Cuthbert,\"{'Marilla', 'Marilla Cuthbert'}\",F,major\n")


def _corpus(root, names, index=True):
    root.mkdir()
    if index:
        (root / "PDNC-Novel-Index.csv").write_text("Novel\n", encoding="utf-8")
    for n in names:
        (root / n).mkdir()
        (root / n / "novel_text.txt").write_text(TEXT, encoding="utf-8")
        (root / n / "character_info.csv").write_text(INFO, encoding="utf-8")
    return [root / n for n in names]


def test_split_is_alphabetical_even_odd_and_independent_of_the_selection(tmp_path):
    a, b, c = _corpus(tmp_path / "pdnc", ["Bravo", "Alpha", "Charlie"])
    assert (pdnc_half(b), pdnc_half(a), pdnc_half(c)) == ("tune", "held_out", "tune")
    other = _corpus(tmp_path / "other", ["Alpha"], index=False)[0]
    assert pdnc_half(other) is None
    res = evaluate([str(a), str(other)])  # Bravo alone: still held out
    halves = res["pdnc_halves"]
    assert set(halves) == {"held_out", "pdnc"} and halves["held_out"]["novels"] == 1
    assert halves["held_out"]["b3"]["f1"] == res["per_novel"][0]["b3"]["f1"] == 1.0
    assert res["novels"] == 2


def _litbank_doc(root, stem, sentences, mentions):
    """A LitBank-layout document: conll/<stem>.conll (tokens) and tsv/<stem>.ann (MENTION and COREF rows)."""
    (root / "conll").mkdir(parents=True, exist_ok=True)
    (root / "tsv").mkdir(exist_ok=True)
    rows = []
    for sent in sentences:
        rows += [f"0\t{i}\t_\t{tok}\t_" for i, tok in enumerate(sent.split())] + [""]
    (root / "conll" / f"{stem}.conll").write_text("\n".join(rows), encoding="utf-8")
    ann = []
    for tid, (s, t1, t2, text, kind, chain) in enumerate(mentions):
        ann.append(f"MENTION\tT{tid}\t{s}\t{t1}\t{s}\t{t2}\t{text}\tPER\t{kind}")
        ann.append(f"COREF\tT{tid}\t{chain}")
    (root / "tsv" / f"{stem}.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return root / "conll" / f"{stem}.conll"


def test_litbank_name_clusters_are_scored_by_gold_chain(tmp_path):
    sents = ["Mr. Darcy bowed and he left .", "Elizabeth Bennet laughed and she sat down .",
             "At last Darcy came back and he bowed again .", "Elizabeth smiled and she walked away ."]
    mentions = [(0, 0, 1, "Mr. Darcy", "PROP", "D"), (1, 0, 1, "Elizabeth Bennet", "PROP", "E"),
                (2, 2, 2, "Darcy", "PROP", "D"), (3, 0, 0, "Elizabeth", "PROP", "E"),
                (0, 4, 4, "he", "PRON", "D")]
    _litbank_doc(tmp_path, "doc_a", sents, mentions)
    res = evaluate([str(tmp_path / "conll")])
    names = res["litbank_names"]
    assert names["documents"] == 1 and names["names"] == 4  # the pronoun is no name
    assert names["f1"] == 1.0
    # a gold chain that puts Darcy with Elizabeth: the clusters no longer agree
    bad = [m[:5] + ("E",) if m[3] == "Darcy" else m for m in mentions]
    _litbank_doc(tmp_path / "b", "doc_b", sents, bad)
    assert evaluate([str(tmp_path / "b" / "conll")])["litbank_names"]["f1"] < 1.0
