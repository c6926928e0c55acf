"""The scam check's verdict as HTML: the section the check page shows under its headline.

Written out in Python, not a template: the check's form is the page citizens POST to in a
burst, and Django's template engine took a third of each answer's time (an include per sign).
The page (public/scam_check.html) and the fast path (fastcheck.py) both use this one function,
so they stay the same bytes. Everything from the message or the check is escaped here.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sajag import scamcheck

SHOWN_SIGNS = 4  # the rest folded under "N more signs"


def section(verdict: scamcheck.Verdict, marked: str, typology: str, shared: bool, whatsapp: str) -> SafeString:
    level = verdict.level + (" v-weak" if verdict.weak else "")
    looks_like, why, what_to_do = _("Looks like:"), _("Why"), _("What to do")
    out = [
        f'<section class="verdict v-{level}" aria-labelledby="verdict-h" role="status">\n'
        f'  <h2 id="verdict-h">{escape(verdict.label)}</h2>\n'
    ]
    if typology:
        out.append(f'  <p class="meta">{escape(looks_like)} <strong>{escape(typology)}</strong></p>\n')
    out.append(f'  <blockquote class="checked" lang="">{marked}</blockquote>\n')
    signs = verdict.warning_signals
    if signs:
        out.append(f"  <h3>{escape(why)}</h3>\n")
        out.append(f'  <ul class="signals">{"".join(_sign(s, verdict.lang) for s in signs[:SHOWN_SIGNS])}</ul>\n')
        more = signs[SHOWN_SIGNS:]
        if more:
            summary = ngettext("%(n)s more sign", "%(n)s more signs", len(more)) % {"n": len(more)}
            items = "".join(_sign(s, verdict.lang) for s in more)
            out.append(
                f'  <details class="more-signals"><summary>{escape(summary)}</summary>'
                f'<ul class="signals">{items}</ul></details>\n'
            )
    out.append(f"  <h3>{escape(what_to_do)}</h3>\n")
    out.append(f'  <ul class="advice">{"".join(f"<li>{escape(line)}</li>" for line in verdict.advice_lines())}</ul>\n')
    if whatsapp:
        warn = _("Warn your family on WhatsApp")
        out.append(
            f'  <p class="share-wa"><a class="button" href="{escape(whatsapp)}" rel="noopener noreferrer" '
            f'target="_blank">{escape(warn)}</a></p>\n'
        )
    if shared:
        thanks = _("Thank you: the message was shared, without your number or name, to help warn others.")
        out.append(f'  <p class="msg msg-success">{escape(thanks)}</p>\n')
    out.append("</section>")
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped or already safe


def _sign(sign: scamcheck.Signal, lang: str) -> str:
    mark = "" if sign.id == "learned_wording" else f"<mark>{escape(_truncated(sign.evidence))}</mark> — "
    return f"<li>{mark}{escape(sign.explanation(lang))}</li>"


def _truncated(text: str, limit: int = 80) -> str:
    """As Django's truncatechars filter (combining marks do not count)."""
    return Truncator(text).chars(limit)
