"""Reloading the knowledge of a real `regiewijzer serve` with 2 workers while threads keep asking for advice."""
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from regiewijzer.service.ops.reload import RETRY_SECONDS, snapshot_root

from .conftest import REPO, TOKEN, free_port, retitle_a_warning, unknown_fact

pytestmark = pytest.mark.slow        # real gunicorn workers under load while the knowledge reloads

WORKERS, THREADS = 2, 6
SITUATIONS = [{"legal_power": True}, {}, {"cooperation_level": "overleg", "silos": True},
              {"legal_power": False, "financial_flows": "geen", "stakeholders_count": 12}]


def call(url, body=None, headers=None):
    """(status, JSON body) of a request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **(headers or {})}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


class Server:
    """`regiewijzer serve` in a subprocess, its stderr collected by a thread (the pipe never fills)."""

    def __init__(self, knowledge):
        self.url = f"http://127.0.0.1:{free_port()}"
        env = dict(os.environ, REGIEWIJZER_ADMIN_TOKEN=TOKEN, REGIEWIJZER_RATE_LIMIT="0")
        command = [sys.executable, "-m", "regiewijzer.service.cli", "--knowledge", str(knowledge), "serve",
                   "--port", self.url.rsplit(":", 1)[1], "--workers", str(WORKERS)]
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        self.log = []
        self.reader = threading.Thread(target=lambda: self.log.extend(self.process.stderr))
        self.reader.start()

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return set(map(int, children.read_text().split())) if children.exists() else set()

    def wait_ready(self, deadline=60):
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            assert self.process.poll() is None, "".join(self.log)
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=5) as response:
                    if response.status == 200 and len(self.workers()) == WORKERS:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("the server did not get ready:\n" + "".join(self.log))

    def swapped(self, old, new):
        """The pids of the workers that logged the swap from `old` to `new`."""
        return {int(pid) for pid in re.findall(rf"knowledge reloaded in worker (\d+): {old} -> {new}",
                                              "".join(self.log))}

    def wait_for_swaps(self, old, new, count=WORKERS, deadline=120):
        end = time.monotonic() + deadline
        while len(self.swapped(old, new)) < count:
            assert time.monotonic() < end, "not every worker reloaded:\n" + "".join(self.log)
            time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(30)
        self.reader.join(30)
        self.process.stderr.close()


class Load:
    """Threads sending advice requests until stopped; each answer kept as (start time, status, version)."""

    def __init__(self, url):
        self.url, self.answers, self.stopping = url, [], threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(THREADS)]
        for thread in self.threads:
            thread.start()

    def run(self, n):
        while not self.stopping.is_set():
            start = time.monotonic()
            try:
                status, body = call(f"{self.url}/api/v1/advice", {"situation": SITUATIONS[n % len(SITUATIONS)]})
            except OSError as exc:       # a lost request: refused or reset connection
                status, body = repr(exc), {}
            self.answers.append((start, status, body.get("knowledge_version")))
            n += 1

    def since(self, moment):
        return [a for a in self.answers if a[0] > moment]

    def wait_for(self, count, after, deadline=120):
        end = time.monotonic() + deadline
        while len(self.since(after)) < count:
            assert time.monotonic() < end, f"only {len(self.since(after))} answers in {deadline} s"
            time.sleep(0.05)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)


def test_reload_under_load_loses_no_request_and_every_worker_serves_the_new_version(knowledge_copy):
    root, edit = knowledge_copy
    server = Server(root)
    try:
        server.wait_ready()
        load = Load(server.url)
        try:
            load.wait_for(40, after=0)
            old = load.answers[0][2]
            edit("warnings.yaml", retitle_a_warning)
            status, body = call(f"{server.url}/api/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
            reloaded = time.monotonic()
            assert status == 200, body
            new = body["knowledge_version"]
            assert new != old and body["previous_version"] == old
            server.wait_for_swaps(old, new)         # each worker has loaded the edited files: edit them again
            load.wait_for(100, after=reloaded)

            edit("rules/decide_role.yaml", unknown_fact)
            status, body = call(f"{server.url}/api/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
            refused = time.monotonic()
            assert status == 422
            assert any(p["item"] == "role_regie_by_legal_power" for p in body["problems"])
            load.wait_for(100, after=refused)
        finally:
            load.stop()
        workers = server.workers()
    finally:
        server.stop()
    assert {status for _, status, _ in load.answers} == {200}, "a request failed or was lost"
    assert {version for _, _, version in load.since(reloaded)} == {new}
    assert server.swapped(old, new) == workers, "".join(server.log)


def test_a_worker_forked_after_a_reload_serves_the_new_version_too(knowledge_copy):
    """gunicorn forks a replacement worker from the master, which still holds the knowledge it preloaded."""
    root, edit = knowledge_copy
    server = Server(root)
    try:
        server.wait_ready()
        old = call(f"{server.url}/api/v1/advice", {"situation": {}})[1]["knowledge_version"]
        edit("warnings.yaml", retitle_a_warning)
        status, body = call(f"{server.url}/api/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert status == 200
        new = body["knowledge_version"]
        victim = min(server.workers())
        os.kill(victim, signal.SIGKILL)
        end = time.monotonic() + 60
        while len(server.workers() - {victim}) < WORKERS:
            assert time.monotonic() < end, "gunicorn did not replace the worker"
            time.sleep(0.05)
        load = Load(server.url)
        try:
            load.wait_for(60, after=0)
        finally:
            load.stop()
        replacement = (server.workers() - {victim})
        server.wait_for_swaps(old, new, count=2)
    finally:
        server.stop()
    assert {status for _, status, _ in load.answers} == {200}
    assert {version for _, _, version in load.answers} == {new}
    assert replacement & server.swapped(old, new)



def replaced(server, gone, deadline=60):
    """Wait until gunicorn runs WORKERS workers again, none of them in `gone`."""
    end = time.monotonic() + deadline
    while len(server.workers() - gone) < WORKERS or server.workers() & gone:
        assert time.monotonic() < end, "gunicorn did not replace the workers:\n" + "".join(server.log)
        time.sleep(0.05)


def readiness(server, probes=20):
    """The set of (status, knowledge_version, target_version) of `probes` /readyz answers (over the workers)."""
    seen = set()
    for _ in range(probes):
        request = urllib.request.Request(f"{server.url}/readyz")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, body = response.status, json.load(response)
        except urllib.error.HTTPError as error:
            status, body = error.code, json.load(error)
        seen.add((status, body["knowledge_version"], body.get("target_version")))
    return seen


def advice_versions(server, count=40):
    load = Load(server.url)
    try:
        load.wait_for(count, after=0)
    finally:
        load.stop()
    assert {status for _, status, _ in load.answers} == {200}
    return {version for _, _, version in load.answers}


def reload(server):
    status, body = call(f"{server.url}/api/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200, body
    return body["previous_version"], body["knowledge_version"]


def test_a_folder_broken_after_the_reload_changes_nothing_every_worker_serves_the_validated_version(knowledge_copy):
    """The other worker catches up after the folder broke; so does a respawned worker, and so do the new workers of
    a HUP (forked from the master, which still holds the boot version): they load the snapshot the reload took."""
    root, edit = knowledge_copy
    server = Server(root)
    try:
        server.wait_ready()
        edit("warnings.yaml", retitle_a_warning)
        old, new = reload(server)
        edit("rules/decide_role.yaml", unknown_fact)        # broken before the other worker has had a request
        assert advice_versions(server) == {new}
        assert readiness(server) == {(200, new, None)}
        assert server.swapped(old, new) == server.workers()
        victim = min(server.workers())
        os.kill(victim, signal.SIGKILL)
        replaced(server, {victim})
        assert advice_versions(server) == {new}
        before_hup = server.workers()
        os.kill(server.process.pid, signal.SIGHUP)
        replaced(server, before_hup)
        assert advice_versions(server) == {new} and readiness(server) == {(200, new, None)}
    finally:
        server.stop()
    assert "cannot serve" not in "".join(server.log)


def test_a_failed_catch_up_is_retried_and_readyz_says_not_ready_meanwhile(knowledge_copy):
    root, edit = knowledge_copy
    server = Server(root)
    try:
        server.wait_ready()
        edit("warnings.yaml", retitle_a_warning)
        old, new = reload(server)
        snapshot = snapshot_root(server.process.pid) / new
        aside = snapshot.with_name("aside")
        snapshot.rename(aside)                              # the other worker cannot load it now
        seen = readiness(server)
        assert (503, old, new) in seen and (200, new, None) in seen, seen
        assert "cannot serve" in "".join(server.log)
        aside.rename(snapshot)
        end = time.monotonic() + RETRY_SECONDS + 30
        while server.swapped(old, new) != server.workers():  # a worker retries on a request, RETRY_SECONDS on
            assert time.monotonic() < end, "".join(server.log)
            readiness(server, probes=5)                     # (probes may miss a worker: wait for every swap)
            time.sleep(0.2)
        assert readiness(server) == {(200, new, None)}
        assert advice_versions(server) == {new}
    finally:
        server.stop()
    assert not snapshot_root(server.process.pid).exists(), "the master removes its snapshots when it ends"
