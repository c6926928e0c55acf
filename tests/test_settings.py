"""Bad configuration fails loudly at start-up, naming the variable."""

import os
import subprocess
import sys

import pytest


def start(**env):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','sajag.settings'); django.setup()",
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SAJAG_DEBUG": "maybe"}, "SAJAG_DEBUG must be"),
        ({"SAJAG_TODAY": "21/10/2026"}, "SAJAG_TODAY must be a date"),
        ({"SAJAG_ENV": "staging"}, "SAJAG_ENV must be"),
        ({"SAJAG_ENV": "production", "SAJAG_SECRET_KEY": ""}, "SAJAG_SECRET_KEY must be set"),
    ],
)
def test_bad_settings_stop_the_start(env, message):
    result = start(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_good_settings_start():
    assert start(SAJAG_DEBUG="1", SAJAG_TODAY="2026-10-21").returncode == 0
