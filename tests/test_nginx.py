"""deploy/nginx.conf.template: its body limits agree with Django's and the app's own, and nginx's
own refusal of a too-large body on the APIs is JSON (run for real where nginx is installed)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template

import pytest
from django.conf import settings

from sajag.activities.evidence import MAX_BYTES as EVIDENCE_MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "deploy" / "nginx.conf.template").read_text()
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MB = 1024 * 1024
IMPORT_MAX_BYTES = 50 * MB  # sajag/activities/forms.py ImportForm


def megabytes(block: str) -> int:
    return int(re.search(r"client_max_body_size (\d+)m;", block).group(1)) * MB


def location(path: str) -> str:
    return re.search(r"location " + re.escape(path) + r" \{(.*?)\n        \}", TEMPLATE, re.DOTALL).group(1)


def test_the_body_limits_agree_with_djangos_and_the_apps():
    everywhere = megabytes(TEMPLATE.split("server {")[0])
    assert everywhere >= IMPORT_MAX_BYTES + MB  # a 50 MB import, with the form around it
    assert everywhere >= 4 * EVIDENCE_MAX_BYTES  # four evidence photos at their limit in one form
    assert megabytes(location("= /api/scamcheck/")) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    for api in ("= /api/scamcheck/", "/api/"):
        assert "error_page 413 = @too_large_json;" in location(api)


class Upstream(BaseHTTPRequestHandler):
    """Stands in for Sajag: reads the body, answers how much it got; answers a GET with which
    pool it is, how many requests it has had, and the cache headers the path asks for."""

    pool = "citizens"
    served = 0

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("X-Method", "HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        type(self).served += 1
        if "/slow" in self.path:
            time.sleep(0.3)
        headers = {"Content-Type": "text/html; charset=utf-8", "Vary": "Cookie, Accept-Language"}
        if "/public" in self.path or self.path in ("/", "/en/", "/en/rules/otp/", "/check/"):
            headers["Cache-Control"] = "public, max-age=60"
        if "/private" in self.path:
            headers["Cache-Control"] = "private, no-cache"
        if "/sets-cookie" in self.path:
            headers["Cache-Control"] = "public, max-age=60"
            headers["Set-Cookie"] = "csrftoken=abc; Path=/"
        body = json.dumps(
            {"pool": self.pool, "n": type(self).served, "path": self.path, "cookie": self.headers.get("Cookie")}
        ).encode()
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        got = len(self.rfile.read(int(self.headers["Content-Length"])))
        body = json.dumps({"got": got, "pool": self.pool}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx():
    if not Path(NGINX).exists():
        pytest.skip("no nginx (apt-get install nginx-light); CI installs it")
    with tempfile.TemporaryDirectory(prefix="sajag-nginx-") as run:
        yield from _nginx(Path(run))


def _nginx(tmp_path: Path):
    tmp_path.chmod(0o755)  # nginx's workers (not root) keep large bodies in files under it
    citizens = type("Citizens", (Upstream,), {"pool": "citizens", "served": 0})
    officers = type("Officers", (Upstream,), {"pool": "officers", "served": 0})
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), citizens)
    officer_upstream = ThreadingHTTPServer(("127.0.0.1", 0), officers)
    for server in (upstream, officer_upstream):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    port = free_port()
    (tmp_path / "static").mkdir()
    conf = Template(TEMPLATE).safe_substitute(
        RUN=tmp_path,
        NGINX_WORKERS=max(1, (os.cpu_count() or 2) // 2),
        PORT=port,
        APP_PORT=upstream.server_address[1],
        OFFICER_PORT=officer_upstream.server_address[1],
        HOST="localhost",
        STATIC_ROOT=tmp_path / "static",
        SCHEME="https",
    )
    (tmp_path / "nginx.conf").write_text(conf)
    web = subprocess.Popen([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-g", "daemon off;"])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        web.terminate()
        web.wait(timeout=10)
        upstream.shutdown()
        officer_upstream.shutdown()


def post(port: int, path: str, length: int, send_body: bool = True) -> tuple[int, str, bytes]:
    """POST `length` bytes (or only announce them: nginx answers a too-large body from the
    header alone)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("POST", path)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(length))
    conn.endheaders()
    if send_body:
        conn.send(b"x" * length)
    response = conn.getresponse()
    result = response.status, response.getheader("Content-Type", ""), response.read()
    conn.close()
    return result


def test_nginx_refuses_a_too_large_body_on_the_apis_with_json(nginx):
    for path, length in (("/api/scamcheck/", 5 * MB + 1), ("/api/v1/bill-files", 64 * MB + 1)):
        status, content_type, body = post(nginx, path, length, send_body=False)
        assert (status, content_type) == (413, "application/json"), path
        assert json.loads(body)["error"] == "too_large"
    assert post(nginx, "/reports/", 64 * MB + 1, send_body=False)[0] == 413  # elsewhere nginx's own page


def test_a_screenshot_over_its_limit_is_refused_by_nginx_and_one_within_it_passes(nginx):
    from sajag.public.views import InMemoryScreenshot

    block = location("~ ^/(en/)?check/screenshot/$")
    assert megabytes(block) >= InMemoryScreenshot.MAX_BODY  # nginx lets through what the view reads
    assert "client_body_buffer_size 9m;" in block  # held in memory, not in nginx's body file
    for path in ("/check/screenshot/", "/en/check/screenshot/"):
        assert post(nginx, path, 9 * MB + 1, send_body=False)[0] == 413
        assert post(nginx, path, 8 * MB)[0] == 200


def test_nginx_passes_what_fits_to_sajag(nginx):
    assert post(nginx, "/api/scamcheck/", 5 * MB) == (200, "application/json", b'{"got": 5242880, "pool": "citizens"}')
    assert post(nginx, "/api/v1/bill-files", 6 * MB)[0] == 200  # over the scam check's limit, not the API's


def get(port: int, path: str, cookie: str | None = None) -> tuple[dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    return body, response.getheader("X-Cache", "")


def test_nginx_answers_a_page_marked_public_from_its_cache(nginx):
    first, status = get(nginx, "/public/a")
    assert status == "MISS" and first["pool"] == "citizens"
    again, status = get(nginx, "/public/a")
    assert status == "HIT" and again == first  # the app was not asked again
    # A visitor with unrelated cookies (a Vary: Cookie the key ignores) gets the same copy.
    assert get(nginx, "/public/a", cookie="csrftoken=xyz; theme=dark") == (first, "HIT")
    assert get(nginx, "/public/a?utm=x")[1] == "MISS"  # another address, another copy


def test_each_language_is_its_own_copy(nginx):
    hindi, _ = get(nginx, "/")
    english, _ = get(nginx, "/en/")
    assert (hindi["path"], english["path"]) == ("/", "/en/")
    assert get(nginx, "/")[0] == hindi and get(nginx, "/en/")[0] == english


def test_a_signed_in_officer_never_gets_nor_leaves_a_cached_copy(nginx):
    cached, _ = get(nginx, "/public/b")
    mine, status = get(nginx, "/public/b", cookie="sessionid=officer1")
    assert status == "BYPASS" and mine["pool"] == "officers" and mine["cookie"] == "sessionid=officer1"
    assert mine != cached  # answered by the app, not the copy
    # What the officer was answered (marked public or not) was not stored for anyone else.
    assert get(nginx, "/public/b") == (cached, "HIT")
    _fresh, status = get(nginx, "/public/only-officer-asked", cookie="sessionid=officer1")
    assert status == "BYPASS"
    assert get(nginx, "/public/only-officer-asked")[1] == "MISS"
    # A message waiting to be shown once (after signing out) is that visitor's page too.
    assert get(nginx, "/public/b", cookie="messages=abc")[1] == "BYPASS"


def test_nothing_unmarked_private_or_cookie_setting_is_stored(nginx):
    for path in ("/private/x", "/unmarked/x", "/sets-cookie/x"):
        one, _ = get(nginx, path)
        two, status = get(nginx, path)
        assert two["n"] != one["n"] and status == "MISS", path


def test_posts_pass_through_to_the_citizens_pool(nginx):
    assert post(nginx, "/check/", 10)[2] == b'{"got": 10, "pool": "citizens"}'
    assert post(nginx, "/check/", 10)[2] == b'{"got": 10, "pool": "citizens"}'


def test_the_integration_api_is_answered_by_the_officers_pool(nginx):
    assert json.loads(post(nginx, "/api/v1/bill-files", 10)[2])["pool"] == "officers"


def test_short_links_are_never_cached_queued_or_turned_from_head_into_get(nginx):
    one, status = get(nginx, "/l/abcdefgh")
    assert status == "" and get(nginx, "/l/abcdefgh")[0]["n"] != one["n"]
    conn = http.client.HTTPConnection("127.0.0.1", nginx, timeout=10)
    conn.request("HEAD", "/l/abcdefgh")
    assert conn.getresponse().getheader("X-Method") == "HEAD"  # the app counts a HEAD as a bot


def test_answers_that_are_not_stored_are_not_queued_behind_one_another(nginx):
    for path in ("/l/slow", "/en/officers-page/slow", "/en/no-such-page/slow"):
        started = time.monotonic()
        threads = [threading.Thread(target=get, args=(nginx, path)) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert time.monotonic() - started < 3, path  # 12 × 0.3 s at once; the lock would wait 5 s


def test_signing_in_and_the_admin_are_answered_by_the_officers_pool(nginx):
    for path in ("/accounts/login/", "/en/accounts/login/", "/admin/", "/en/admin/login/"):
        assert get(nginx, path)[0]["pool"] == "officers", path


def test_the_citizen_pages_are_cached_with_their_language(nginx):
    for path in ("/en/rules/otp/", "/check/"):
        first, status = get(nginx, path)
        assert status == "MISS" and first["pool"] == "citizens"
        assert get(nginx, path) == (first, "HIT")
