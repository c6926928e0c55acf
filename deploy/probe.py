"""The attack probe's essentials, run by deploy/check.py through the real nginx and granian:

- a spreadsheet bomb is refused fast while the citizen home page keeps answering;
- sign-in lockouts are per (user, real client), not per proxy;
- the short-link limit is one count across every worker.

Different clients are different loopback source addresses (127.0.0.2, 127.0.0.3, …): nginx sees
each as its own ``$remote_addr``, exactly as it sees people on the internet.
"""

from __future__ import annotations

import http.client
import io
import re
import threading
import time
import uuid
import zipfile
from http.cookies import SimpleCookie


class Client:
    """One person's browser: its own source address and cookies, no redirects followed."""

    def __init__(self, port: int, source: str = "127.0.0.1") -> None:
        self.port, self.source = port, source
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))
        head = {"Host": f"127.0.0.1:{self.port}", "Origin": "https://127.0.0.1", **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head["Referer"] = f"https://127.0.0.1{path}"  # nginx passes Host without the port
        try:
            conn.request(method, path, body=body, headers=head)
            response = conn.getresponse()
            data = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, data
        finally:
            conn.close()

    def form(self, path: str, fields: dict, files: dict | None = None):
        """GET the form for its CSRF token, then POST it (multipart when there are files)."""
        _status, _headers, page = self.request("GET", path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        fields = {**fields, "csrfmiddlewaretoken": token.group(1).decode() if token else ""}
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        for name, (filename, data) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def sign_in(self, username: str, password: str) -> int:
        status, headers, body = self.form("/en/accounts/login/", {"username": username, "password": password})
        assert status in (200, 302, 429), (status, headers, body[:600])
        return status


# ---- spreadsheet bombs ---------------------------------------------------------------------

SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>'
)
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',  # noqa: E501
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',  # noqa: E501
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',  # noqa: E501
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',  # noqa: E501
}


def _xlsx(rows: str, padding_mb: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        head, tail = SHEET.format(rows=rows).split("<sheetData>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((head + "<sheetData>").encode())
            space = b" " * (1024 * 1024)
            for _ in range(padding_mb):  # written a megabyte at a time: never held whole
                sheet.write(space)
            sheet.write(tail.encode())
    return out.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def dimension_bomb() -> bytes:
    """The probe's 1.6 KB file: its dimension claims every cell of a sheet, and it has values in
    the last column and the last row."""
    header = "".join(_cell(f"{c}1", h) for c, h in zip("ABC", ("District", "City", "Site"), strict=True))
    header += _cell("XFD1", "x")
    return _xlsx(f'<row r="1">{header}</row><row r="1048576">{_cell("XFD1048576", "x")}</row>')


def zip_bomb(megabytes: int = 1024) -> bytes:
    """A gigabyte of sheet XML in about a megabyte."""
    return _xlsx('<row r="1">' + _cell("A1", "District") + "</row>", padding_mb=megabytes)


def home_keeps_answering(port: int, stop: threading.Event, worst: list[float]) -> None:
    home = Client(port, "127.0.0.9")
    while not stop.is_set():
        started = time.monotonic()
        status, _h, _b = home.request("GET", "/")
        worst[0] = max(worst[0], time.monotonic() - started)
        assert status == 200, status
        time.sleep(0.05)


def bombs_are_refused(port: int, username: str, password: str) -> dict:
    """Upload both bombs as an officer who may import; the times to their refusal."""
    officer = Client(port, "127.0.0.2")
    assert officer.sign_in(username, password) == 302
    _s, _h, page = officer.request("GET", "/en/activities/import/")
    directive = re.search(rb'<option value="(\d+)"', page).group(1).decode()
    bombs = zip_bomb(), dimension_bomb()
    stop, worst = threading.Event(), [0.0]
    watcher = threading.Thread(target=home_keeps_answering, args=(port, stop, worst))
    watcher.start()
    try:
        started = time.monotonic()
        status, _h, body = officer.form(
            "/en/activities/import/", {"directive": directive}, {"file": ("hoardings.xlsx", bombs[0])}
        )
        zip_s = time.monotonic() - started
        assert status == 200 and b"unpacks to 1,024 MB" in body, (status, body[-2000:])  # refused in the form
        started = time.monotonic()
        status, headers, _b = officer.form(
            "/en/activities/import/", {"directive": directive}, {"file": ("hoardings.xlsx", bombs[1])}
        )
        assert status == 302, status  # queued for a worker
        job = re.search(r"/import/(\d+)/", headers["Location"]).group(0)
        while True:  # the job's own status row, as the officer's page polls it
            _s, _h, row = officer.request("GET", f"/en/activities{job}", headers={"HX-Request": "true"})
            if b"hx-trigger" not in row:
                break
            assert time.monotonic() - started < 30, "the dimension bomb is still being read"
            time.sleep(0.05)
        dimension_s = time.monotonic() - started
        assert b"s-overdue" in row and b"16,384 columns" in row, row  # refused, saying why
    finally:
        stop.set()
        watcher.join()
    return {
        "zip_bomb_refused_s": round(zip_s, 3),
        "dimension_bomb_refused_s": round(dimension_s, 3),
        "home_worst_s": round(worst[0], 3),
    }


# ---- sign-in lockout per real client --------------------------------------------------------


def lockout_is_per_real_client(port: int, username: str, password: str, failures: int) -> None:
    attacker, colleague = Client(port, "127.0.0.3"), Client(port, "127.0.0.4")
    statuses = [attacker.sign_in(username, "wrong-password") for _ in range(failures)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}, statuses
    assert attacker.sign_in(username, password) == 429  # locked, even with the right password
    assert colleague.sign_in(username, password) == 302  # the same user, another client: signs in


# ---- one rate limit across workers ----------------------------------------------------------


def redirect_limit_holds_across_workers(port: int, code: str, limit: int) -> dict:
    """More requests than the limit from one client, each on a new connection (so the app
    server's workers share them): exactly ``limit`` redirects, the rest 429."""
    client = Client(port, "127.0.0.5")
    statuses: list[int] = []

    def burst(n: int) -> None:
        for _ in range(n):
            statuses.append(client.request("GET", f"/l/{code}", headers={"User-Agent": "Mozilla/5.0 Android"})[0])

    threads = [threading.Thread(target=burst, args=(limit // 2,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(302) == limit and statuses.count(429) == len(statuses) - limit, statuses
    return {"redirects": statuses.count(302), "limited": statuses.count(429)}


# ---- the citizen pages' cache ----------------------------------------------------------------


def citizen_pages_come_from_the_cache(port: int, username: str, password: str, lifetime: int) -> dict:
    """nginx answers anonymous visitors from one copy per address and language; an officer is
    never given that copy, nor leaves theirs for anyone; a POST is never answered from it."""
    citizen, officer = Client(port, "127.0.0.21"), Client(port, "127.0.0.22")
    seen = {}
    for path, lang in (("/", "hi"), ("/en/", "en"), ("/en/rules/", "en"), ("/progress/", "hi"), ("/en/check/", "en")):
        citizen.request("GET", path)
        status, headers, body = citizen.request("GET", path)
        assert status == 200 and headers.get("X-Cache") == "HIT", (path, status, dict(headers))
        assert f'<html lang="{lang}">'.encode() in body, path
        assert headers.get("Cache-Control") == f"public, max-age={lifetime}", (path, headers.get("Cache-Control"))
        assert "Set-Cookie" not in headers and b"csrfmiddlewaretoken" not in body, path
        seen[path] = body
    assert not citizen.cookies  # nothing set on a citizen
    status, headers, body = citizen.request("GET", "/no-such-page/")
    assert status == 404 and b"1930" in body
    assert officer.sign_in(username, password) == 302
    for path in ("/en/", "/en/dashboard/"):
        status, headers, body = officer.request("GET", path)
        assert status == 200 and headers.get("X-Cache") == "BYPASS" and b"Sign out" in body, (path, status)
        assert "private" in headers.get("Cache-Control", ""), headers.get("Cache-Control")
    status, headers, body = citizen.request("GET", "/en/")
    assert headers.get("X-Cache") == "HIT" and b"Sign out" not in body and body == seen["/en/"]
    form = "text=Your+SBI+KYC+expires+today+update+at+http%3A%2F%2Fsbi-kyc.top%2Fu+or+account+blocked"
    status, headers, body = citizen.request(
        "POST", "/en/check/", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and headers.get("X-Cache") != "HIT" and b"sbi-kyc.top" in body, (status, body[:300])
    return {"citizen_cache": "ok"}
