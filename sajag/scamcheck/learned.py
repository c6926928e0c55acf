"""The learned part of the scam check: a linear model over words and word pairs, for the scams
no rule names. Plain Python at run time: a dictionary of weights, no numpy, no download.

The weights are built by `make scam-model` (train.py, scikit-learn) from the real messages of
`shared/data/scam-corpus` and the project's own written corpus, and kept in `model.json.gz`
with the hash of the data they came from. Words are read from the normalised text (normalize.py:
look-alike letters, spaced and dotted letters, digits for letters already undone). Character
n-grams were tried and left out: leaving one source out, they learned each source's style and
caught 46% of the held-out scams where words alone caught 63%, at the same false alarms
(bench/scamcheck.py --learned prints both).

    >>> from sajag.scamcheck.normalize import normalize
    >>> model = load()
    >>> result = model.score(normalize("CONGRATULATION YOUR WHATSAPP NO HAS WON RS 2 CRORE").text)
    >>> result.probability > 0.5
    True

A score explains itself: `Scored.words` gives the words that added most to it, with their
positions in the normalised text, so the verdict can name and highlight them.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import links as _links
from . import patterns

MODEL_FILE = Path(__file__).with_name("model.json.gz")
# Words: runs of Latin letters (with apostrophes inside), of Devanagari letters (not the danda),
# or of digits, and currency signs. The text is cut at every other character by one character
# class (C speed: patterns.char_class), and a piece that mixes kinds ("xx1234") is cut again.
# A digit run becomes its length ("<10>" for a mobile number), so no one number is learned.
SEPARATOR = patterns.char_class("[^a-z0-9\u0900-\u0963\u0970-\u097f'’$£€₹]")
CURRENCY = "$£€₹"
APOSTROPHES = "'’"
# Words that tell where a message came from rather than what it wants: the corpus's scams are
# mostly from the UK and the US, its genuine alerts from India, so left as they are "rs" and
# "sbi" would teach the model that an Indian message is genuine and "$" that it is a scam. Each
# becomes one token for its kind.
MONEY = frozenset("rs rs. inr rupees rupee rupaye rupay ₹ $ £ € usd gbp eur dollars dollar pounds euro euros".split())  # noqa: SIM905
BRANDS = frozenset(
    """sbi hdfc icici axis kotak pnb canara bob baroda idfc indusind yes union boi uco iob
    hdfcbank icicibank sbicard yono paytm phonepe gpay googlepay bhim amazon flipkart myntra
    jio airtel vi vodafone idea bsnl mtnl jiofiber irctc lic uidai epfo npci rbi
    usps fedex dhl ups evri hermes royalmail royal mail hmrc dvla nhs irs paypal netflix apple
    icloud chase wellsfargo wells fargo bofa citi citibank hsbc barclays lloyds natwest
    santander halifax nationwide monzo revolut coinbase binance ee o2 vodafone three tmobile
    att verizon""".split()  # noqa: SIM905
)
NGRAMS: tuple[int, ...] = ()  # character n-gram lengths inside each word; (3, 4, 5) to try them
MAX_TOKENS = 400  # a message's first 400 words decide its score


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for each word of the normalised text. A web address is one token for
    its kind ("<url:shortener>", "<url:official>", …: links.kind), not the words it is made of:
    those are random or a brand's, and the model would learn each campaign's domains."""
    urls = [(m.start(), m.end(), "<url:" + _links.kind(m.group(0)) + ">") for m in _links.find_links(text, limit=20)]
    out: list[tuple[str, int, int]] = []
    u = 0
    for word, start, end in _words(text):
        while u < len(urls) and urls[u][1] <= start:
            out.append((urls[u][2], urls[u][0], urls[u][1]))
            u += 1
        if u < len(urls) and urls[u][0] <= start < urls[u][1]:
            continue  # inside the address
        if "'" in word or "’" in word:
            word = word.replace("'", "").replace("’", "")  # won't → wont, not "won" and "t"
        if word[0].isdigit():
            word = f"<{min(len(word), 12)}>"
        elif word in MONEY:
            word = "<money>"
        elif word in BRANDS:
            word = "<brand>"
        out.append((word, start, end))
        if len(out) >= MAX_TOKENS:
            break
    out += [(token, start, end) for start, end, token in urls[u:]]
    return out[:MAX_TOKENS]


def _words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for each word of the text, as learned.tokens reads them."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for piece in SEPARATOR.split(text):
        if not piece:
            pos += 1
            continue
        start = text.find(piece, pos)
        pos = start + len(piece)
        if piece.isascii() and (piece.isalpha() or piece.isdigit()):
            out.append((piece, start, pos))
            continue
        i, n = 0, len(piece)
        while i < n:  # a piece of several kinds: cut where the kind changes
            kind = _kind(piece[i])
            j = i + 1
            if kind != "currency":
                while j < n and _kind(piece[j]) == kind:
                    j += 1
            word = piece[i:j]
            if kind == "latin":
                lead = len(word) - len(word.lstrip(APOSTROPHES))
                word = word.strip(APOSTROPHES)
                if word:
                    out.append((word, start + i + lead, start + i + lead + len(word)))
            else:
                out.append((word, start + i, start + j))
            i = j
    return out


def _kind(c: str) -> str:
    if "a" <= c <= "z" or c in APOSTROPHES:
        return "latin"
    if "0" <= c <= "9":
        return "digit"
    if c in CURRENCY:
        return "currency"
    return "devanagari"


def token_features(word: str) -> list[str]:
    """The features one word gives by itself: the word (and its character n-grams, if any)."""
    feats = ["w:" + word]
    if word[0] != "<":
        padded = f" {word} "
        for n in NGRAMS:
            feats += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return feats


def features(text: str) -> list[str]:
    """Every feature of a normalised text, each once (the model is trained on this list)."""
    return list(_features(tokens(text)))


def _features(toks: list[tuple[str, int, int]]) -> dict[str, int]:
    """feature → the index of the first word that gave it."""
    seen: dict[str, int] = {}
    previous = None
    for i, (word, _start, _end) in enumerate(toks):
        for f in token_features(word):
            seen.setdefault(f, i)
        if previous is not None:
            seen.setdefault(f"b:{previous} {word}", i - 1)
        previous = word
    return seen


@dataclass(frozen=True)
class Scored:
    probability: float  # calibrated: of messages scored like this one, the share that were scams
    words_read: int  # words with letters (not numbers)
    words: tuple[tuple[str, int, int, float], ...]  # (word, start, end, weight), heaviest first
    words_probability: float = 0.0  # the same, counting the words only (not what its links are)


class Model:
    def __init__(self, data: dict[str, object]) -> None:
        self.weights: dict[str, float] = data["weights"]  # type: ignore[assignment]
        self.bias = float(data["bias"])  # type: ignore[arg-type]
        calibration: list[float] = data["calibration"]  # type: ignore[assignment]  # (a, b): p = σ(a·z + b)
        self.calibration = (float(calibration[0]), float(calibration[1]))
        self.meta: dict[str, object] = data.get("meta", {})  # type: ignore[assignment]

    def score(self, text: str) -> Scored:
        toks = tokens(text)
        if not toks:
            return Scored(0.0, 0, ())
        feats = _features(toks)
        per_word = [0.0] * len(toks)
        weights = self.weights
        total = 0.0
        links = 0.0
        for f, i in feats.items():
            w = weights.get(f)
            if w is not None:
                total += w
                if "<url:" in f:
                    links += w
                if f[0] == "b":  # a pair: half to each word
                    per_word[i] += w / 2
                    per_word[i + 1] += w / 2
                else:
                    per_word[i] += w
        norm = math.sqrt(len(feats))
        z = self.bias + total / norm
        a, b = self.calibration
        probability = 1 / (1 + math.exp(-(a * z + b)))
        heaviest = sorted(
            ((toks[i][0], toks[i][1], toks[i][2], w / norm) for i, w in enumerate(per_word) if w > 0),
            key=lambda t: -t[3],
        )
        words_read = sum(1 for t in toks if t[0][0] != "<")
        words_only = 1 / (1 + math.exp(-(a * (z - links / norm) + b)))
        return Scored(probability, words_read, tuple(heaviest), words_only)


@lru_cache(maxsize=1)
def load() -> Model:
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as fh:
        return Model(json.load(fh))
