from ficlens.export.booknlp import ENTITIES_HEADER, QUOTES_HEADER, TOKENS_HEADER, write_booknlp


def _read(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[0].split("\t"), [ln.split("\t") for ln in lines[1:]]


def test_booknlp_tables(annotated_work, tmp_path):
    tokens, entities, quotes = write_booknlp(annotated_work, tmp_path, "w")
    header, rows = _read(tokens)
    assert header == TOKENS_HEADER and all(len(r) == len(header) for r in rows)
    text = annotated_work.text
    for r in rows:  # offsets point at the word
        assert text[int(r[6]):int(r[7])] == r[4]
    assert rows[0][4] == "Mara" and rows[0][8] == "PROPN"
    header, ents = _read(entities)
    assert header == ENTITIES_HEADER
    assert [e[5] for e in ents] == ["Mara", "she", "Tobin"] and ents[1][3] == "PRON"
    header, qs = _read(quotes)
    assert header == QUOTES_HEADER
    assert qs[0][5] == "0" and qs[0][4] == "she" and qs[1][5] == "1" and qs[1][4] == "Tobin"
    words = {int(r[3]): r[4] for r in rows}
    start = int(qs[1][0])  # as in BookNLP, the quotation starts at its opening mark
    assert words[start] == "\"" and words[start + 1] == "The"
