"""The PDF engine: headless Chromium (Debian's package) driven by Playwright.

Chromium shapes Devanagari with HarfBuzz and writes each cluster's text as /ActualText, so a
Hindi PDF is both drawn right (conjuncts, matras) and extracts as the words that were typed.
One browser serves the whole process from its own thread; callers from any thread (requests,
kit builders) queue work to it. A page is loaded once from the font folder and every asset's
HTML is written into it, so fonts load by file name and nothing reaches the network.
"""

from __future__ import annotations

import atexit
import logging
import queue
import shutil
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from django.conf import settings

from . import fonts

log = logging.getLogger(__name__)


class PrinterUnavailable(RuntimeError):
    pass


def chromium_path() -> str | None:
    configured = getattr(settings, "SAJAG_CHROMIUM", "")
    if configured:
        return configured if shutil.which(configured) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Job:
    kind: str  # "pdf" or "png"
    html: str
    width: int = 0
    height: int = 0
    scale: float = 1.0


class Printer:
    def __init__(self) -> None:
        self.jobs: queue.Queue[tuple[Job, Future] | None] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.started = threading.Event()
        self.error: BaseException | None = None

    # --- public API ---------------------------------------------------------------------------

    def pdf(self, html: str) -> bytes:
        return self._submit(Job("pdf", html))

    def png(self, html: str, width: int, height: int, scale: float = 1.0) -> bytes:
        return self._submit(Job("png", html, width, height, scale))

    def pdf_and_png(self, html: str, width: int, height: int, scale: float = 1.0) -> tuple[bytes, bytes]:
        """Both from one load of the page (kits want both)."""
        return self._submit(Job("both", html, width, height, scale))

    def close(self) -> None:
        with self.lock:
            if self.thread is not None and self.thread.is_alive():
                self.jobs.put(None)
                self.thread.join(timeout=10)
            self.thread = None

    # --- the browser's thread -----------------------------------------------------------------

    def _submit(self, job: Job):
        self._start()
        future: Future = Future()
        self.jobs.put((job, future))
        return future.result(timeout=120)

    def _start(self) -> None:
        with self.lock:
            if self.thread is not None and self.thread.is_alive():
                return
            if chromium_path() is None:
                raise PrinterUnavailable("Chromium is not installed; printed materials cannot be made.")
            self.started.clear()
            self.error = None
            self.thread = threading.Thread(target=self._serve, daemon=True, name="sajag-printer")
            self.thread.start()
        self.started.wait(timeout=60)
        if self.error is not None:
            raise PrinterUnavailable(str(self.error))

    def _serve(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            shell = fonts.ensure()
            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        except BaseException as exc:  # the caller gets the reason
            log.exception("printer could not start")
            self.error = exc
            self.started.set()
            return
        pages: dict[float, object] = {}

        def page_at(scale: float):
            if scale not in pages:
                # No scripts run in printed pages; their only requests are the font files.
                context = browser.new_context(device_scale_factor=scale, java_script_enabled=False)
                page = context.new_page()
                page.goto(shell.as_uri())
                pages[scale] = page
            return pages[scale]

        self.started.set()
        try:
            while (item := self.jobs.get()) is not None:
                job, future = item
                try:
                    future.set_result(self._run(page_at, job))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            browser.close()
            pw.stop()

    @staticmethod
    def _run(page_at, job: Job):
        if job.kind == "pdf":
            page = page_at(1.0)
            page.set_content(job.html, wait_until="load")
            return page.pdf(prefer_css_page_size=True, print_background=True)
        # The PDF is laid out on its @page size whatever the viewport or the pixel density.
        page = page_at(job.scale)
        page.set_viewport_size({"width": job.width, "height": job.height})
        page.set_content(job.html, wait_until="load")
        png = page.screenshot(type="png", full_page=False)
        if job.kind == "png":
            return png
        return page.pdf(prefer_css_page_size=True, print_background=True), png


_printer = Printer()
atexit.register(_printer.close)


def printer() -> Printer:
    return _printer
