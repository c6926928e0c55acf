"""Run docs/deploy.md for real on this machine: PostgreSQL (or SQLite), the app server on
loopback, Debian's nginx in front, the scheduled commands, a backup and its restore, and an
upgrade check — then tear it all down. Every step the guide describes is a step here, so the
guide cannot rot without this failing.

    python deploy/check.py          # make deploy-check
    DEPLOY_DATABASE=sqlite python deploy/check.py

Needs nginx (apt install nginx-light) and, for the PostgreSQL path, a server on loopback.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from string import Template

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe  # deploy/probe.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def step(n: int, text: str) -> None:
    print(f"[{n}] {text}", flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, *, headers: dict | None = None):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"nothing answered at {url}")


def main() -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("nginx is not installed (apt-get install nginx-light)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="sajag-deploy-"))
    work.chmod(0o755)  # nginx's workers (not root) read the static files under it
    run = work / "run"
    run.mkdir()
    use_pg = os.environ.get("DEPLOY_DATABASE", "postgres") == "postgres" and shutil.which("createdb")
    dbname = f"sajag_deploy_{secrets.token_hex(4)}"
    app_port, officer_port, web_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sajag.settings",
        "SAJAG_ENV": "production",
        "SAJAG_SECRET_KEY": secrets.token_urlsafe(50),
        "SAJAG_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SAJAG_PROXY_COUNT": "1",
        # The shared cache of docs/deploy.md: Redis on loopback (one database of its 16 for the check).
        "SAJAG_CACHE_URL": os.environ.get("DEPLOY_CACHE_URL", "redis://127.0.0.1:6379/14"),
        "SAJAG_STATIC_ROOT": str(work / "static"),
        "SAJAG_MEDIA_ROOT": str(work / "media"),
        "SAJAG_SPOOL_DIR": str(work / "spool"),
        "SAJAG_PUBLIC_URL": f"http://127.0.0.1:{web_port}",
        "SAJAG_WORKERS": "2",
        # The task workers run as their own service (deploy/sajag-worker@.service), not beside granian.
        "SAJAG_TASK_WORKERS": "0",
        "HOST": "127.0.0.1",
        "PORT": str(app_port),
        # The officers' own pool (sajag/serve.py): nginx sends every signed-in request there.
        "SAJAG_OFFICER_PORT": str(officer_port),
    }
    env.pop("SAJAG_TODAY", None)
    env.pop("SAJAG_DEBUG", None)
    if use_pg:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{dbname}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'sajag.sqlite3'}"

    def manage(*args: str) -> str:
        done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    app = web = None
    workers: list[subprocess.Popen] = []
    try:
        step(1, f"database: {'PostgreSQL ' + dbname if use_pg else 'SQLite'}")
        if use_pg:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", dbname], check=True)
        step(2, "settings: check --deploy reports nothing")
        out = manage("check", "--deploy", "--fail-level", "WARNING")
        assert "no issues" in out, out
        step(3, "migrate, reference data, the first state nodal officer")
        manage("migrate", "--noinput")
        manage("load_reference")
        manage(
            "shell",
            "-c",
            "from sajag.accounts.models import User, Posting;"
            "u = User.objects.create_user('state.nodal', password='Deploy-check-1930');"
            "Posting.objects.create(user=u, role='state_nodal')",
        )
        step(4, "app server: python -m sajag.serve (granian) on loopback")
        app = subprocess.Popen(
            [PY, "-m", "sajag.serve"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        wait_for(f"http://127.0.0.1:{officer_port}/healthz")
        step(4, "task workers: two manage.py worker processes, their own service")
        workers = [
            subprocess.Popen(
                [PY, "manage.py", "worker", "--no-startup-delay"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
            for _ in range(2)
        ]
        step(5, f"nginx in front on 127.0.0.1:{web_port}")
        conf = Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
            RUN=run,
            NGINX_WORKERS=max(1, (os.cpu_count() or 2) // 2),
            PORT=web_port,
            APP_PORT=app_port,
            OFFICER_PORT=officer_port,
            HOST="localhost",
            STATIC_ROOT=work / "static",
            # In production nginx ends TLS and tells the app "https"; this check speaks plain
            # HTTP on loopback but keeps that header, so the app behaves exactly as it will there.
            SCHEME="https",
        )
        (run / "nginx.conf").write_text(conf)
        test = subprocess.run(
            [nginx, "-t", "-c", str(run / "nginx.conf"), "-p", str(run)], capture_output=True, text=True
        )
        assert test.returncode == 0, test.stderr
        web = subprocess.Popen([nginx, "-c", str(run / "nginx.conf"), "-p", str(run), "-g", "daemon off;"])
        base = f"http://127.0.0.1:{web_port}"
        wait_for(base + "/healthz")
        step(6, "through nginx: citizen page, security headers, static files, the officers' sign-in")
        status, headers, body = get(base + "/")
        assert status == 200 and b"1930" in body, status
        assert "default-src 'self'" in headers.get("Content-Security-Policy", ""), headers
        assert headers.get("Strict-Transport-Security", "").startswith("max-age=31536000"), headers
        css = next((p for p in (work / "static" / "sajag").glob("sajag.*.css")), None)
        assert css is not None, "collectstatic made no hashed stylesheet"
        status, headers, _ = get(f"{base}/static/sajag/{css.name}")
        assert status == 200 and "immutable" in headers.get("Cache-Control", ""), (status, headers)
        assert get(base + "/media/anything")[0] == 404
        assert get(base + "/en/accounts/login/")[0] == 200
        step(7, "a short link through nginx: 302 and the visit counted")
        code = (
            manage(
                "shell",
                "-c",
                "from sajag.campaigns.seed import seed_campaign; seed_campaign();"
                "from sajag.campaigns.models import Campaign; from sajag.links.models import ShortLink;"
                "link = ShortLink.objects.create(campaign=Campaign.objects.get(), channel='hoarding', asset='deploy');"
                "print(link.code)",
            )
            .strip()
            .splitlines()[-1]
        )
        status, headers, _ = get(
            f"{base}/l/{code}", headers={"User-Agent": "Mozilla/5.0 (Linux; Android 12) Chrome/124"}
        )
        assert status == 302 and headers.get("Location") == "/", (status, headers)
        time.sleep(2.5)  # the workers write visits every second
        visits = manage(
            "shell",
            "-c",
            "from sajag.links.models import VisitDay;"
            f"print(sum(v.people for v in VisitDay.objects.filter(link__code='{code}')))",
        )
        assert visits.strip().splitlines()[-1] == "1", visits
        step(8, "the attack probe's essentials, through nginx: bombs, lockouts, one limit for all workers")
        manage(
            "shell",
            "-c",
            "from sajag.accounts.models import User, Posting, Role; from sajag.geo.models import Department, District;"
            "u = User.objects.create_user('dpro.jaipur', password='Deploy-check-1930');"
            "Posting.objects.create(user=u, role=Role.DISTRICT_OFFICER, department=Department.objects.get(code='ipr'),"
            " district=District.objects.get(code='jaipur'))",
        )
        probed = probe.bombs_are_refused(web_port, "dpro.jaipur", "Deploy-check-1930")
        # Seconds, not the minutes the probe saw (0.3-0.5 s on an idle machine; the bound leaves
        # room for the worker's poll and a busy CI machine, the figures are printed).
        assert probed["dimension_bomb_refused_s"] < 10 and probed["zip_bomb_refused_s"] < 5, probed
        assert probed["home_worst_s"] < 5, probed
        probe.lockout_is_per_real_client(web_port, "state.nodal", "Deploy-check-1930", failures=5)
        probed |= probe.redirect_limit_holds_across_workers(web_port, code, limit=60)
        print(json.dumps(probed), flush=True)
        step(8, "citizen pages from nginx's cache, one copy per language; officers never given it")
        probed |= probe.citizen_pages_come_from_the_cache(web_port, "dpro.jaipur", "Deploy-check-1930", lifetime=60)
        step(9, "scheduled commands: digests (dry run, then queued and sent by a task worker), print fonts")
        assert "would send" in manage("send_digests", "--dry-run")
        sent = manage("send_digests", "--wait", "60")
        assert "emails and" in sent and "queued" not in sent, sent  # a worker took it and finished
        held = manage(
            "shell",
            "-c",
            "from sajag.reminders.models import DigestRun; r = DigestRun.objects.get(); print(r.state, r.worker)",
        )
        state, worker = held.strip().splitlines()[-1].split()
        assert state == "done" and int(worker.split(":")[1]) in {w.pid for w in workers}, held
        subprocess.run([PY, "-m", "sajag.core.fonts"], cwd=ROOT, env=env, check=True, capture_output=True)
        step(10, "backup, then restore it")
        archive = work / "backup.tar.gz"
        manage("backup", str(archive))
        manage("restore", str(archive), "--yes")
        assert get(base + "/")[0] == 200
        step(11, "upgrade: no migration left to make or to apply")
        manage("makemigrations", "--check", "--dry-run")
        plan = manage("migrate", "--plan")
        assert "No planned migration operations" in plan, plan
        print(json.dumps({"deploy_check": "ok", "database": "postgres" if use_pg else "sqlite", **probed}))
        return 0
    finally:
        for process in (web, app, *workers):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        if use_pg:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", dbname], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
