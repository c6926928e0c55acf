"""docs/deploy.md, run for real: deploy/check.py brings up the database, the app server and
nginx in front on loopback, and goes through every step of the guide."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [pytest.mark.live]
if not Path(NGINX).exists():
    if os.environ.get("SAJAG_REQUIRE_BROWSER") == "1":
        raise RuntimeError("The deployment check needs nginx (apt-get install nginx-light)")
    pytestmark.append(pytest.mark.skip(reason="no nginx; CI installs it"))


def test_the_deployment_guide_runs_on_this_machine():
    database = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    done = subprocess.run(
        [sys.executable, "deploy/check.py"],
        cwd=ROOT,
        env={**os.environ, "DEPLOY_DATABASE": database},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert last["deploy_check"] == "ok" and last["database"] == database
    assert last["redirects"] == last["limited"] == 60
    assert "[11] upgrade" in done.stdout
