"""Build the learned model (model.json.gz) from real messages: `make scam-model`.

    python -m sajag.scamcheck.train --corpus ../shared/data/scam-corpus/messages.csv

Reads the shared corpus (`text,label,…,source`: scams against genuine and promotional messages;
rows the source labelled only "spam" are left out, as it mixes fraud and marketing) and the
project's written corpus (tests/data/scam_corpus.tsv). Trains an L2-regularised logistic
regression (scikit-learn, liblinear: deterministic) on the features of learned.py, with the two
classes weighted equally, and calibrates its probabilities on out-of-fold scores (Platt). Only
weights that move a score are kept, rounded, so the file stays small. Needs the dev packages.

The solver runs to a tight tolerance (TOL): at liblinear's default it stops while weights still
move in the third decimal, by an amount that depends on the processor and the BLAS threads
(4,450 weights differed between two machines). Converged, they agree to about 1e-6; kept to 4
decimals, one weight in some 25,000 may land on a rounding edge and differ by 0.0001. The same
data gives the same bytes on one machine, and the same weights to ±0.0001 on any.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .learned import MODEL_FILE, Model, features
from .normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "scam-corpus" / "messages.csv"
WRITTEN = ROOT / "tests" / "data" / "scam_corpus.tsv"
C = 4.0  # inverse regularisation (chosen by leaving one source out: bench/scamcheck.py)
MIN_SOURCES_DF = 2  # a feature must occur in at least this many messages
KEEP_ABOVE = 0.02  # weights smaller than this are dropped from the file
TOL = 1e-10  # the solver's stopping tolerance (see above): about 12 iterations, 0.1 s


@dataclass(frozen=True)
class Example:
    text: str
    scam: bool
    label: str  # the source's label (scam, ham, promo; genuine for the written corpus)
    source: str  # owner/repo:path, without the commit
    lang: str


def read_corpus(path: Path) -> list[Example]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["label"] not in ("scam", "ham", "promo"):
                continue
            repo, _, rest = row["source"].partition("@")
            source = repo + ":" + rest.partition(":")[2]
            out.append(Example(row["text"], row["label"] == "scam", row["label"], source, row["lang"]))
    return out


def read_written(path: Path = WRITTEN) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Example(r["text"], r["label"] == "scam", r["label"], "sajag/written", r["lang"])
            for r in csv.DictReader(fh, delimiter="\t")
        ]


def feature_lists(examples: Iterable[Example]) -> list[list[str]]:
    return [features(normalize(e.text).text) for e in examples]


def fit(feats: list[list[str]], y: list[int]):  # type: ignore[no-untyped-def]
    """(vectoriser, classifier) trained on these feature lists."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer=_same, binary=True, min_df=MIN_SOURCES_DF, dtype=float)
    X = _scaled(vec.fit_transform(feats), feats)
    clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", tol=TOL, max_iter=1000)
    clf.fit(X, y)
    return vec, clf


def _same(f: list[str]) -> list[str]:
    return f


def _scaled(X, feats: list[list[str]]):  # type: ignore[no-untyped-def]
    """Each row divided by the square root of its number of features, those the vocabulary
    lacks included: as learned.Model.score does."""
    import numpy as np
    import scipy.sparse as sp

    return sp.diags(1 / np.sqrt(np.maximum([len(f) for f in feats], 1))) @ X


def decision(vec, clf, feats: list[list[str]]):  # type: ignore[no-untyped-def]
    """Raw scores z as the run-time model computes them (features it never saw count towards
    the length of the message, not its score)."""
    import numpy as np

    coef = dict(zip(vec.get_feature_names_out(), clf.coef_[0], strict=True))
    bias = float(clf.intercept_[0])
    return np.array([bias + sum(coef.get(f, 0.0) for f in fl) / max(len(fl), 1) ** 0.5 for fl in feats])


def platt(z, y) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(a, b) with p = σ(a·z + b), fitted on out-of-fold scores, the classes weighted equally."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, class_weight="balanced", solver="lbfgs", tol=TOL, max_iter=1000)
    model.fit(z.reshape(-1, 1), y)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def out_of_fold(examples: list[Example], feats: list[list[str]], folds: int = 5):  # type: ignore[no-untyped-def]
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    y = np.array([int(e.scam) for e in examples])
    z = np.zeros(len(examples))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(feats, y):
        vec, clf = fit([feats[i] for i in train], list(y[train]))
        z[test] = decision(vec, clf, [feats[i] for i in test])
    return z, y


def model_data(vec, clf, calibration: tuple[float, float]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What model.json.gz holds (learned.Model reads it): the weights that move a score."""
    names = vec.get_feature_names_out()
    weights = {
        str(name): round(float(w), 4) for name, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= KEEP_ABOVE
    }
    return {
        "bias": round(float(clf.intercept_[0]), 4),
        "calibration": [round(calibration[0], 4), round(calibration[1], 4)],
        "weights": dict(sorted(weights.items())),
    }


def trained(examples: list[Example], feats: list[list[str]]) -> Model:
    """A run-time model trained and calibrated on these examples only (for leaving one out)."""
    z, y = out_of_fold(examples, feats, folds=3)
    vec, clf = fit(feats, list(y))
    return Model(model_data(vec, clf, platt(z, y)))


def build(corpus: Path, out: Path = MODEL_FILE) -> dict[str, object]:
    examples = read_corpus(corpus) + read_written()
    feats = feature_lists(examples)
    z, y = out_of_fold(examples, feats)
    a, b = platt(z, y)
    vec, clf = fit(feats, list(y))
    data = model_data(vec, clf, (a, b))
    data["meta"] = {
        "corpus_sha256": hashlib.sha256(corpus.read_bytes()).hexdigest(),
        "written_sha256": hashlib.sha256(WRITTEN.read_bytes()).hexdigest(),
        "examples": len(examples),
        "scams": int(sum(y)),
        "C": C,
        "features_kept": len(data["weights"]),  # type: ignore[arg-type]
        "features_seen": len(vec.get_feature_names_out()),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(payload)  # mtime 0 and no name: the same data gives the same bytes
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    data = build(args.corpus, args.out)
    print(json.dumps(data["meta"]))


if __name__ == "__main__":
    main()
