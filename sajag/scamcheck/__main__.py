"""Command line: check one message, or a CSV of messages.

    python -m sajag.scamcheck "Your KYC has expired, update today: bit.ly/x"
    python -m sajag.scamcheck --sender VM-HDFCBK-T "123456 is your OTP. Do not share it."
    python -m sajag.scamcheck --csv messages.csv --column text --out verdicts.csv
    python -m sajag.scamcheck --link http://sbi-kyc.top/u
    python -m sajag.scamcheck --number +923001234567

Batch mode reads the text column (and a sender column if --sender-column is given) and writes
the same rows with verdict columns added: level, score, typology, signals.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from typing import TextIO

from . import Verdict, check_link, check_message, check_number


def _print(verdict: Verdict, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "level": verdict.level,
                    "score": verdict.score,
                    "typology": verdict.typology,
                    "signals": [
                        {"id": s.id, "evidence": s.evidence, "span": s.span, "explanation": s.explanation(verdict.lang)}
                        for s in verdict.signals
                    ],
                    "advice": verdict.advice_lines(),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print(f"{verdict.label} (score {verdict.score})")
    for s in verdict.signals:
        print(f"  - [{s.id}] “{s.evidence}”: {s.explanation(verdict.lang)}")
    for line in verdict.advice_lines():
        print(f"  → {line}")


def _batch(args: argparse.Namespace) -> int:
    with open(args.csv, encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source)
        columns = list(reader.fieldnames or [])
        if args.column not in columns:
            print(f"{args.csv}: no column {args.column!r} (columns: {', '.join(columns)})", file=sys.stderr)
            return 2
        fields = [*columns, "level", "score", "typology", "signals"]
        if args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                _write(reader, fields, out, args)
        else:
            _write(reader, fields, sys.stdout, args)
    return 0


def _write(reader: csv.DictReader[str], fields: list[str], out: TextIO, args: argparse.Namespace) -> None:
    writer = csv.writer(out)
    writer.writerow([_cell(f) for f in fields])
    for row in reader:
        sender = row.get(args.sender_column) if args.sender_column else None
        v = check_message(row[args.column] or "", sender=sender, lang=args.lang)
        signals = " ".join(s.id for s in v.signals)
        verdict = {"level": v.level, "score": v.score, "typology": v.typology or "", "signals": signals}
        values = [verdict[f] if f in verdict else row.get(f) for f in fields]
        writer.writerow([_cell("" if value is None else value) for value in values])


# Scam messages are written by the scammer: "=HYPERLINK(...)" must not come back as a live
# formula in the verdicts file. The rule is sajag.core.cells.safe_text's, kept here because
# scamcheck imports nothing from the rest of Sajag (tests/test_scamcheck.py holds the two equal).
_FORMULA_START = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _cell(value: object) -> object:
    if not isinstance(value, str):
        return value
    stripped = value.strip()
    if value.startswith(("\t", "\r")) or (stripped.startswith(_FORMULA_START) and not _NUMBER.fullmatch(stripped)):
        return "'" + value
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sajag.scamcheck", description="Is this message a scam? An explained verdict."
    )
    parser.add_argument("text", nargs="?", help="the message (or '-' to read it from standard input)")
    parser.add_argument("--sender", help="who sent it: an SMS header such as VM-HDFCBK-T, or a phone number")
    parser.add_argument("--link", help="check one web address instead of a message")
    parser.add_argument("--number", help="check one phone number or sender header")
    parser.add_argument("--lang", choices=["hi", "en"], help="language of the explanation (default: the message's)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--csv", help="batch mode: a CSV file of messages")
    parser.add_argument("--column", default="text", help="batch mode: the column holding the message (default: text)")
    parser.add_argument("--sender-column", help="batch mode: the column holding the sender, if any")
    parser.add_argument("--out", help="batch mode: write here instead of standard output")
    args = parser.parse_args(argv)
    if args.csv:
        return _batch(args)
    if args.link:
        verdict = check_link(args.link, lang=args.lang)
    elif args.number:
        verdict = check_number(args.number, lang=args.lang)
    elif args.text:
        text = sys.stdin.read() if args.text == "-" else args.text
        verdict = check_message(text, sender=args.sender, lang=args.lang)
    else:
        parser.print_usage(sys.stderr)
        return 2
    _print(verdict, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
