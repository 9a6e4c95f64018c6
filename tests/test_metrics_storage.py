"""Metrics cannot take a request down: a real `regiewijzer serve` whose PROMETHEUS_MULTIPROC_DIR is a tiny, full
file system keeps answering with the same workers; and made-up methods add no series."""
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from regiewijzer.service import create_app

from .conftest import REPO, free_port
from .prometheus_text import metric

WORKERS = 2


@pytest.fixture()
def tiny_file_system(tmp_path):
    """A 256 KiB tmpfs (mounting needs root: skipped otherwise)."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder):
    """Write a file until the file system is full."""
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            pass


def status_of(url, body=None):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def series(text, name):
    """The label sets of the samples of `name` in the Prometheus text `text`."""
    return {line.split("}")[0] for line in text.splitlines() if line.startswith(name + "{")}


def workers_of(pid):
    return set(map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split()))


@pytest.mark.slow
def test_a_full_metrics_file_system_fails_no_request_and_kills_no_worker(tiny_file_system):
    port = free_port()
    command = [sys.executable, "-m", "regiewijzer.service.cli", "serve", "--port", str(port), "--workers", str(WORKERS)]
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tiny_file_system), "REGIEWIJZER_RATE_LIMIT": "0"}
    process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    log, ready = [], 0
    for line in process.stderr:                 # each worker says when it is ready; no request has been counted yet
        log.append(line)
        ready += "Worker ready" in line
        if ready == WORKERS:
            break
    reader = threading.Thread(target=lambda: log.extend(process.stderr))
    reader.start()
    try:
        workers = workers_of(process.pid)
        fill(tiny_file_system)
        base = f"http://127.0.0.1:{port}"
        advice = json.dumps({"situation": {"legal_power": True}}).encode()
        statuses = [status_of(f"{base}/healthz") for _ in range(10)]
        statuses += [status_of(f"{base}/api/v1/advice", advice) for _ in range(10)]
        statuses += [status_of(f"{base}/no/such/page") for _ in range(5)]
        statuses += [status_of(f"{base}/metrics") for _ in range(5)]
        assert statuses == [200] * 20 + [404] * 5 + [200] * 5
        assert workers_of(process.pid) == workers, "a worker died:\n" + "".join(log)
        (tiny_file_system / "filler").unlink()          # space again: counting goes on
        counts = {status_of(f"{base}/api/v1/advice", advice) for _ in range(10)}
        with urllib.request.urlopen(f"{base}/metrics", timeout=30) as response:
            scraped = response.read().decode()
        assert counts == {200} and workers_of(process.pid) == workers
    finally:
        process.terminate()
        process.wait(60)
        reader.join(30)
        process.stderr.close()
    assert "a metric was not counted" in "".join(log) and "No space left on device" in "".join(log)
    assert "Bus error" not in "".join(log) and "SIGBUS" not in "".join(log)
    assert metric(scraped, "regiewijzer_requests_total", route="/api/v1/advice", status="200") >= 1


def test_made_up_methods_count_as_one_label():
    client = create_app({"TESTING": True, "RATE_LIMIT": "0"}).test_client()
    before = client.get("/metrics").get_data(as_text=True)
    for n in range(5000):
        assert client.open("/api/v1/advice", method=f"MADEUP{n}").status_code == 405
    for n in range(50):
        assert client.get(f"/made/up/path/{n}").status_code == 404
    after = client.get("/metrics").get_data(as_text=True)
    new = series(after, "regiewijzer_requests_total") - series(before, "regiewijzer_requests_total")
    assert len(new) <= 3, new        # other/405, GET/404 on unmatched, and GET /metrics itself
    assert not [line for line in after.splitlines() if "MADEUP" in line or "/made/up" in line]
