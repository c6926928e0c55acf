"""Sending an SMS: an interface, a console implementation (the demo, the tests) and an HTTP
gateway adapter configured by settings. Officers' numbers only; citizens get no SMS from Sajag."""

from __future__ import annotations

import json
import logging
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class SmsError(RuntimeError):
    pass


class SmsSender(Protocol):
    def send(self, number: str, text: str) -> str:
        """Send one message; return the gateway's message id. Raise SmsError on failure."""


class ConsoleSms:
    """Writes each message to standard output (or a given stream)."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdout
        self.sent: list[tuple[str, str]] = []

    def send(self, number: str, text: str) -> str:
        self.sent.append((number, text))
        self.stream.write(f"SMS to {number}:\n{text}\n\n")
        return f"console-{len(self.sent)}"


@dataclass
class HttpGatewaySms:
    """A JSON-over-HTTPS gateway of the common kind: POST {sender, to, text} with a bearer token,
    answered 2xx with {"id": …}. URL, token, sender id and the DLT template id come from
    settings (``SAJAG_SMS_URL``, ``SAJAG_SMS_TOKEN``, ``SAJAG_SMS_SENDER``, ``SAJAG_SMS_TEMPLATE``)."""

    url: str
    token: str
    sender: str
    template: str = ""
    timeout: float = 10.0

    @classmethod
    def from_settings(cls) -> HttpGatewaySms:
        missing = [
            name for name in ("SAJAG_SMS_URL", "SAJAG_SMS_TOKEN", "SAJAG_SMS_SENDER") if not getattr(settings, name, "")
        ]
        if missing:
            raise SmsError(f"SMS gateway not configured: set {', '.join(missing)}")
        return cls(
            settings.SAJAG_SMS_URL, settings.SAJAG_SMS_TOKEN, settings.SAJAG_SMS_SENDER, settings.SAJAG_SMS_TEMPLATE
        )

    def send(self, number: str, text: str) -> str:
        body = {"sender": self.sender, "to": number, "text": text}
        if self.template:
            body["template_id"] = self.template
        request = urllib.request.Request(  # noqa: S310 — the URL is the operator's setting
            self.url,
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise SmsError(f"gateway answered {exc.code}: {exc.read()[:200]!r}") from exc
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
            raise SmsError(f"gateway unreachable or unreadable: {exc}") from exc
        return str(answer.get("id", ""))


def sender() -> SmsSender:
    backend = getattr(settings, "SAJAG_SMS_BACKEND", "console")
    if backend == "console":
        return ConsoleSms()
    if backend == "http":
        return HttpGatewaySms.from_settings()
    return import_string(backend)()
