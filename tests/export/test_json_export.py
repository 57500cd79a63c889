import json

from ficlens.document import SCHEMA_VERSION
from ficlens.export.json_export import content_hash, work_to_dict, write_json


def test_json_has_schema_and_resolves_names(annotated_work, tmp_path):
    path = write_json(annotated_work, tmp_path / "w.json")
    d = json.loads(path.read_text(encoding="utf-8"))
    assert d["schema"] == "ficlens.work" and d["schema_version"] == SCHEMA_VERSION
    assert d["content_hash"] == content_hash(annotated_work)
    q = d["quotations"][1]
    assert q["speaker_name"] == "Tobin" and q["addressees"][0]["name"] == "Mara"
    assert d["text"][q["spans"][0][0]:q["spans"][0][1]] == q["text"]
    assert d["interactions"][0]["a_name"] == "Mara"
    assert d["characters"][1]["id"] == 1 and "tokens" not in d


def test_json_tokens_are_optional(annotated_work):
    d = work_to_dict(annotated_work, include_tokens=True)
    toks = d["tokens"]
    assert len(toks["start"]) == len(toks["pos"]) == d["stats"]["tokens"] > 10
