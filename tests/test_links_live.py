"""The redirect on the real production server: exact counts under parallel load, and no visit
lost when the workers are stopped or killed."""

from __future__ import annotations

import gzip
import http.client
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .live import LiveSajag

pytestmark = pytest.mark.live

PHONE = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = LiveSajag(tmp_path_factory.mktemp("live"), workers=2, threads=4)
    server.setup()
    yield server
    server.stop()


def hammer(server: LiveSajag, code: str, *, clients: int, each: int, agent: str = PHONE) -> int:
    """`clients` keep-alive connections, each sending `each` requests; returns the 302s received."""

    def one(_):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        ok = 0
        for _ in range(each):
            conn.request("GET", f"/l/{code}", headers={"User-Agent": agent})
            response = conn.getresponse()
            response.read()
            ok += response.status == 302
        conn.close()
        return ok

    with ThreadPoolExecutor(clients) as pool:
        return sum(pool.map(one, range(clients)))


def wait_for(server: LiveSajag, code: str, expected: tuple[int, int], seconds: float = 10) -> tuple[int, int]:
    deadline = time.monotonic() + seconds
    while (got := server.visits(code)) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return got


def test_parallel_visits_are_counted_exactly(live):
    code = live.make_link("parallel")
    live.start()
    try:
        people = hammer(live, code, clients=24, each=250)
        bots = hammer(live, code, clients=4, each=50, agent="WhatsApp/2.23.20.0")
        assert (people, bots) == (6000, 200)
        assert wait_for(live, code, (6000, 200)) == (6000, 200)
    finally:
        live.stop()
    assert live.visits(code) == (6000, 200)
    assert live.manage("flush_visits").startswith("0 visits")  # nothing left behind


def test_no_visit_is_lost_when_the_workers_are_killed(live):
    code = live.make_link("killed")
    live.start(SAJAG_VISIT_FLUSH_SECONDS="60")  # nothing reaches the database before the kill
    try:
        served = hammer(live, code, clients=8, each=100)
    finally:
        live.stop(signal.SIGKILL)
    assert served == 800
    assert live.visits(code) == (0, 0)
    assert live.spools()  # the dead workers' spools hold the visits
    # A restarted server picks them up by itself (each worker's flusher recovers dead spools) …
    live.start(SAJAG_VISIT_FLUSH_SECONDS="0.5")
    try:
        assert hammer(live, code, clients=1, each=1) == 1
        assert wait_for(live, code, (801, 0)) == (801, 0)
    finally:
        live.stop()
    # … and counts each of them once only.
    assert live.manage("flush_visits").startswith("0 visits")
    assert live.visits(code) == (801, 0)


def test_the_recovery_command_counts_a_killed_servers_visits(live):
    code = live.make_link("command")
    live.start(SAJAG_VISIT_FLUSH_SECONDS="60")
    try:
        served = hammer(live, code, clients=4, each=50)
    finally:
        live.stop(signal.SIGKILL)
    assert live.manage("flush_visits").startswith(f"{served} visits")
    assert live.visits(code) == (served, 0)
    assert not live.spools()


def test_public_pages_and_static_files_carry_cache_headers_and_stay_light(live):
    live.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=10)
        conn.request("GET", "/", headers={"Accept-Encoding": "gzip", "User-Agent": PHONE})
        home = conn.getresponse()
        body = home.read()
        assert home.status == 200
        assert "max-age=60" in home.getheader("Cache-Control") and "public" in home.getheader("Cache-Control")
        html = gzip.decompress(body) if home.getheader("Content-Encoding") == "gzip" else body
        css = re.search(rb'href="(/static/sajag/sajag\.[0-9a-f]+\.css)"', html).group(1).decode()
        conn.request("GET", css, headers={"Accept-Encoding": "gzip"})
        sheet = conn.getresponse()
        sheet_body = sheet.read()
        assert sheet.status == 200
        assert "immutable" in sheet.getheader("Cache-Control")
        # The home page's budget: under 60 KB transferred, fonts excluded (it loads none).
        assert len(body) + len(sheet_body) < 60 * 1024
        conn.request("GET", "/l/zzzzzzzz")
        missing = conn.getresponse()
        assert missing.status == 404 and b"tel:1930" in missing.read()
    finally:
        live.stop()
