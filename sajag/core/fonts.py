"""The print font: Noto Sans Devanagari (it also carries Latin, digits and ₹) from its PyPI
package, cut into static weights once (variable fonts would be embedded as Type 3 glyphs).

``python -m sajag.core.fonts`` makes them (``make install`` runs it); the printer also
makes them on first use. Nothing here is committed: the files live under var/fonts.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from django.conf import settings

FAMILY = "Noto Sans Devanagari"
WEIGHTS = {400: "Regular", 700: "Bold", 900: "Black"}


def font_dir() -> Path:
    return Path(settings.SAJAG_FONT_DIR)


def font_files() -> dict[int, Path]:
    return {weight: font_dir() / f"NotoSansDevanagari-{label}.ttf" for weight, label in WEIGHTS.items()}


def font_face_css() -> str:
    return "\n".join(
        f"@font-face {{ font-family: 'Sajag Print'; src: url('{path.name}'); font-weight: {weight}; }}"
        for weight, path in font_files().items()
    )


def ensure() -> Path:
    """Make the static weights and the printer's blank page if they are missing; return the
    blank page (its folder is the base of every printed page, so fonts load by file name)."""
    folder = font_dir()
    folder.mkdir(parents=True, exist_ok=True)
    shell = folder / "print.html"
    if shell.exists() and all(p.exists() for p in font_files().values()):
        return shell
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process cuts the fonts; the others wait
        for weight, path in font_files().items():
            if not path.exists():
                _instance(weight, path)
        if not shell.exists():
            shell.write_text("<!doctype html><meta charset=utf-8><title>print</title>", encoding="utf-8")
    return shell


def _instance(weight: int, path: Path) -> None:
    import fontpkg
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(fontpkg.path(FAMILY))
    static = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    static.save(tmp)
    tmp.replace(path)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajag.settings")
    django.setup()
    print(f"print fonts ready in {ensure().parent}")
