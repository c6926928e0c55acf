"""Compile the gettext catalogues (.po → .mo) with polib, so no system gettext is needed.

Run as `python -m sajag.i18n_compile`; `make` does it on install. The .mo files are build
output and are not committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        untranslated = [e.msgid for e in po.untranslated_entries()]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        if untranslated or fuzzy:
            raise SystemExit(
                f"{po_path}: {len(untranslated)} untranslated and {len(fuzzy)} fuzzy entries, e.g. "
                f"{(untranslated + fuzzy)[:3]!r}. The catalogue must be complete."
            )
        mo_path = po_path.with_suffix(".mo")
        po.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(LOCALE_DIR.parent.parent)}", file=sys.stderr)
