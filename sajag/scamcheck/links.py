"""Link signs: what a URL's shape says, without visiting it (no network, ever)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from urllib.parse import urlsplit

import idna
import tldextract

from . import patterns
from .patterns import Match

# The suffix list bundled with tldextract; never fetched from the network.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# RE2 (patterns.py): Python's re took seconds on "a.a.a.…x" (each start retried every dot).
URL = patterns.compile(
    r"(?:(?:https?://|hxxps?://|www\.)[^\s<>\"']+|\b(?:[a-z0-9-]+\.)+[a-z]{2,24}(?::\d+)?/[^\s<>\"']*"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|in|net|org|info|xyz|top|site|online|club|live|shop|me|ly|co|io|app|link|click|icu|cyou|buzz|store|tk|ml|ga|cf|gq)\b)",
    ignorecase=True,
)
SHORTENERS = {
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "cutt.ly",
    "rb.gy",
    "shorturl.at",
    "tiny.cc",
    "rebrand.ly",
    "s.id",
    "shrtco.de",
    "v.gd",
    "t.ly",
    "bitly.com",
    "short.io",
    "bl.ink",
    "surl.li",
    "clck.ru",
    "u.to",
    "qr.ae",
    "lnkd.in",
    "dub.sh",
    "tinu.be",
    "urlz.fr",
    "shorturl.asia",
    "l.ead.me",
    "bit.do",
}
INVITES = {"wa.me", "chat.whatsapp.com", "t.me", "telegram.me", "telegram.dog"}
TUNNELS_AND_FREE_HOSTS = (
    "ngrok.io",
    "ngrok-free.app",
    "ngrok.app",
    "trycloudflare.com",
    "loca.lt",
    "serveo.net",
    "web.app",
    "firebaseapp.com",
    "github.io",
    "netlify.app",
    "vercel.app",
    "pages.dev",
    "blogspot.com",
    "weebly.com",
    "000webhostapp.com",
    "glitch.me",
    "repl.co",
    "onrender.com",
    "herokuapp.com",
    "wixsite.com",
    "sites.google.com",
    "godaddysites.com",
    "framer.app",
    "duckdns.org",
    "ddns.net",
    "workers.dev",
)
UNUSUAL_TLDS = {
    "xyz",
    "top",
    "site",
    "online",
    "club",
    "live",
    "shop",
    "icu",
    "cyou",
    "buzz",
    "tk",
    "ml",
    "ga",
    "cf",
    "gq",
    "work",
    "click",
    "link",
    "rest",
    "fit",
    "bar",
    "monster",
    "sbs",
    "cfd",
    "quest",
    "cam",
    "mom",
    "lol",
    "vip",
    "win",
    "bid",
    "loan",
    "kim",
    "country",
    "stream",
    "gdn",
    "support",
    "help",
}
# Organisations people are asked to trust, with their real registered domains.
BRANDS = {
    "sbi": {"sbi.co.in", "onlinesbi.sbi", "sbi", "sbicard.com", "yonosbi.com", "onlinesbi.com"},
    "hdfc": {"hdfcbank.com", "hdfc.com", "hdfcbank.in", "hdfcbk.io"},  # hdfcbk.io: its SMS short links
    "icici": {"icicibank.com", "icici.bank.in", "icicidirect.com"},
    "axis": {"axisbank.com", "axis.bank.in"},
    "kotak": {"kotak.com", "kotak.bank.in", "kotk.in", "kotak811.com"},  # kotk.in: its SMS short links
    "pnb": {"pnbindia.in", "pnb.bank.in"},
    "paytm": {"paytm.com", "paytm.in", "paytmbank.com"},
    "phonepe": {"phonepe.com", "phone.pe"},
    "gpay": {"google.com", "pay.google.com"},
    "amazon": {"amazon.in", "amazon.com", "amzn.in", "amzn.to"},
    "flipkart": {"flipkart.com", "fkrt.it"},
    "npci": {"npci.org.in"},
    "uidai": {"uidai.gov.in"},
    "aadhaar": {"uidai.gov.in"},
    "incometax": {"incometax.gov.in"},
    "epfo": {"epfindia.gov.in"},
    "indiapost": {"indiapost.gov.in"},
    "jvvnl": {"energy.rajasthan.gov.in", "jvvnl.org"},
    "avvnl": {"energy.rajasthan.gov.in", "avvnl.com"},
    "jdvvnl": {"energy.rajasthan.gov.in", "jdvvnl.com"},
    "echallan": {"parivahan.gov.in"},
    "parivahan": {"parivahan.gov.in"},
    "pmkisan": {"pmkisan.gov.in"},
    "rbi": {"rbi.org.in"},
    "bsnl": {"bsnl.co.in"},
    "airtel": {"airtel.in", "airtel.com", "airtelbank.com", "airtelxstream.in"},
    "jio": {"jio.com", "t.jio", "jio", "jiomart.com", "jiocinema.com", "jiohotstar.com"},
}
GOVERNMENT_SUFFIXES = ("gov.in", "nic.in")
# Addresses only their owner can make links under, that people share every day: Google's own apps'
# short links (goo.gl no longer shortens anything else), YouTube, WhatsApp's own site.
OFFICIAL_HOSTS = {
    "photos.app.goo.gl",
    "maps.app.goo.gl",
    "youtu.be",
    "www.youtube.com",
    "youtube.com",
    "www.whatsapp.com",
}


def _is_government(host: str) -> bool:
    """gov.in or nic.in itself, or a name under them (not refundgov.in: anyone can register that)."""
    return any(host == s or host.endswith("." + s) for s in GOVERNMENT_SUFFIXES)


@dataclass(frozen=True)
class LinkSign:
    id: str
    weight: float
    en: str
    hi: str


def _sign(id_: str, weight: float, en: str, hi: str) -> LinkSign:
    return LinkSign(id_, weight, en, hi)


MAYBE_URL = patterns.compile(r"[a-z0-9-]\.[a-z]{2}|://|www\.", ignorecase=True)
HXXP = patterns.compile(r"^hxxp", ignorecase=True)
SCHEME = patterns.compile(r"^[a-z][a-z0-9+.-]*://", ignorecase=True)
NOT_ALNUM = patterns.char_class(r"[^a-z0-9]")


def find_links(text: str, limit: int | None = None) -> list[Match]:
    """The web addresses in `text`, in order; the first `limit` of them if a limit is given."""
    if MAYBE_URL.search(text) is None:  # a cheap first look: most messages have no address
        return []
    return list(islice(URL.finditer(text), limit))


@lru_cache(maxsize=4096)
def kind(url: str) -> str:
    """What sort of address this is, in one word: official (a government's or a brand's own),
    shortener, invite (WhatsApp, Telegram), plain (http without TLS) or other."""
    try:
        scheme, host, _rest = _host_of(url)
    except ValueError:
        return "other"
    if is_official(url):
        return "official"
    ext = _EXTRACT(host)
    registered = ".".join(p for p in (ext.domain, ext.suffix) if p)
    if host in SHORTENERS or registered in SHORTENERS:
        return "shortener"
    if host in INVITES or registered in INVITES:
        return "invite"
    return "plain" if scheme == "http" else "other"


@lru_cache(maxsize=4096)
def is_official(url: str) -> bool:
    """True for a government site (.gov.in, .nic.in) or a brand's own domain in BRANDS."""
    try:
        _scheme, host, _rest = _host_of(url)
    except ValueError:  # not a URL at all (e.g. "http://[1054]/")
        return False
    if not host:
        return False
    if _is_government(host) or host in OFFICIAL_HOSTS:
        return True
    ext = _EXTRACT(host)
    registered = ".".join(p for p in (ext.domain, ext.suffix) if p)
    return any(registered in domains or host in domains for domains in BRANDS.values())


def _host_of(url: str) -> tuple[str, str, str]:
    """(scheme, host, rest) of a URL written with or without a scheme."""
    candidate = url.strip().rstrip(".,);!?'\"")
    candidate = HXXP.sub("http", candidate, count=1)
    if not SCHEME.search(candidate):
        candidate = "none://" + candidate
    parts = urlsplit(candidate)
    host = (parts.hostname or "").lower()
    return parts.scheme.lower(), host, candidate


@lru_cache(maxsize=4096)
def link_signs(url: str) -> tuple[LinkSign, ...]:
    try:
        scheme, host, full = _host_of(url)
        urlsplit(full)
    except ValueError:  # not a URL at all (e.g. an unbalanced "[")
        return ()
    if not host:
        return ()
    if host in OFFICIAL_HOSTS and scheme in ("https", "none"):
        return ()  # a Google Photos or Maps link, a YouTube video: its owner's own
    signs: list[LinkSign] = []
    raw_netloc = urlsplit(full).netloc
    if "@" in raw_netloc:
        signs.append(
            _sign(
                "link_at_sign",
                2.5,
                "The link contains '@': everything before it is ignored, so the real site is not the one it seems to name.",
                "लिंक में '@' है: उससे पहले का हिस्सा अनदेखा होता है, इसलिए असली साइट वह नहीं है जिसका नाम दिखता है।",
            )
        )
    try:
        ipaddress.ip_address(host.strip("[]"))
        signs.append(
            _sign(
                "link_ip_host",
                3,
                "The link goes to a bare IP address instead of a named website; banks and government sites never do this.",
                "लिंक किसी वेबसाइट के नाम के बजाय सीधे आईपी पते पर जाता है; बैंक और सरकारी साइटें ऐसा कभी नहीं करतीं।",
            )
        )
        return tuple(signs)
    except ValueError:
        pass
    shown = host
    if "xn--" in host:
        try:
            shown = idna.decode(host)
        except idna.IDNAError:
            shown = host
        signs.append(
            _sign(
                "link_punycode",
                2.5,
                f"The web address uses look-alike letters from other alphabets ({shown}).",
                f"वेब पते में दूसरी लिपियों के मिलते-जुलते अक्षर हैं ({shown})।",
            )
        )
    ext = _EXTRACT(host)
    registered = ".".join(p for p in (ext.domain, ext.suffix) if p)
    if host in SHORTENERS or registered in SHORTENERS:
        signs.append(
            _sign(
                "link_shortener",
                1.5,
                "It uses a link shortener, which hides the real destination.",
                "इसमें लिंक छोटा करने वाली सेवा है, जो असली गंतव्य छिपाती है।",
            )
        )
    if host in INVITES or registered in INVITES:
        signs.append(
            _sign(
                "link_chat_invite",
                1.5,
                "It invites you to a WhatsApp or Telegram chat or group with a stranger.",
                "इसमें किसी अजनबी के व्हाट्सएप या टेलीग्राम चैट या ग्रुप का निमंत्रण है।",
            )
        )
    if any(host == t or host.endswith("." + t) for t in TUNNELS_AND_FREE_HOSTS):
        signs.append(
            _sign(
                "link_free_host",
                2,
                "The site is on a free hosting or tunnelling service, where anyone can make a page in minutes.",
                "साइट किसी मुफ्त होस्टिंग या टनलिंग सेवा पर है, जहां कोई भी मिनटों में पेज बना सकता है।",
            )
        )
    if ext.suffix.split(".")[-1] in UNUSUAL_TLDS:
        signs.append(
            _sign(
                "link_unusual_tld",
                1.5,
                f"The web address ends in '.{ext.suffix}', an ending that Indian banks and government sites do not use.",
                f"वेब पता '.{ext.suffix}' पर खत्म होता है, जिसे भारतीय बैंक और सरकारी साइटें उपयोग नहीं करतीं।",
            )
        )
    if full.lower().split("?")[0].endswith(".apk"):
        signs.append(
            _sign(
                "link_apk",
                4,
                "The link downloads an Android app file (.apk) from outside the Play Store.",
                "यह लिंक प्ले स्टोर के बाहर से एंड्रॉयड ऐप फाइल (.apk) डाउनलोड करता है।",
            )
        )
    if scheme == "http":
        signs.append(
            _sign(
                "link_no_tls",
                0.5,
                "The link is plain http, without the encryption (https) real bank and government sites use.",
                "लिंक सादा http है, उस एन्क्रिप्शन (https) के बिना जो असली बैंक और सरकारी साइटें उपयोग करती हैं।",
            )
        )
    if ext.subdomain.count(".") >= 2:
        signs.append(
            _sign(
                "link_many_subdomains",
                1,
                "The web address has many parts before the real domain, a trick to look official.",
                "वेब पते में असली डोमेन से पहले कई हिस्से हैं, जो आधिकारिक दिखने की चाल है।",
            )
        )
    signs += _brand_signs(host, ext, registered, shown)
    return tuple(signs)


def _brand_signs(host: str, ext: tldextract.ExtractResult, registered: str, shown: str) -> list[LinkSign]:
    if _is_government(registered) or _is_government(host):
        return []
    flat = NOT_ALNUM.sub("", shown.lower())
    subdomain = NOT_ALNUM.sub("", ext.subdomain.lower())
    domain = _read_as_letters(ext.domain)  # once, not once per brand: a message may hold 1,000 links
    for brand, domains in BRANDS.items():
        if registered in domains or host in domains:
            return []
        if brand in subdomain and brand not in ext.domain:
            return [
                _sign(
                    "link_brand_subdomain",
                    3,
                    f"'{brand.upper()}' appears in the address, but the site is really {registered}.",
                    f"पते में '{brand.upper()}' दिखता है, पर असली साइट {registered} है।",
                )
            ]
        if brand in flat or _looks_like(domain, brand):
            return [
                _sign(
                    "link_brand_lookalike",
                    3,
                    f"The address imitates {brand.upper()}, but {registered} is not its official website.",
                    f"यह पता {brand.upper()} की नकल करता है, पर {registered} उसकी आधिकारिक वेबसाइट नहीं है।",
                )
            ]
    if any(w in flat for w in ("gov", "sarkar", "yojana", "govt")):
        return [
            _sign(
                "link_fake_government",
                3,
                "It looks like a government site, but Indian government sites end in .gov.in or .nic.in.",
                "यह सरकारी साइट जैसी दिखती है, पर भारत सरकार की साइटें .gov.in या .nic.in पर खत्म होती हैं।",
            )
        ]
    return []


def _read_as_letters(domain: str) -> str:
    """rn, vv, 0 and 1 as the letters they pass for (m, w, o, l)."""
    return domain.replace("rn", "m").replace("vv", "w").replace("0", "o").replace("1", "l")


def _looks_like(domain: str, brand: str) -> bool:
    """One letter swapped, added or dropped (hdfcbamk, sbbi, paytrn), in a domain already read
    by _read_as_letters."""
    if len(brand) < 4 or (abs(len(domain) - len(brand)) > 1 and brand not in domain):
        return False
    for piece in {domain, domain[: len(brand)], domain[: len(brand) + 1]}:
        if piece != brand and _distance_at_most_one(piece, brand):
            return True
    return False


def _distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]
