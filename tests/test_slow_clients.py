"""Idle and slow clients cost no worker: a real `regiewijzer serve` keeps answering while they hold connections."""
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from .conftest import REPO, free_port

pytestmark = pytest.mark.slow        # a real gunicorn, and clients that send one byte per second

IDLE, SLOW = 8, 10
REQUEST = (b"POST /api/v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           b"Content-Length: 200\r\n\r\n")


class SlowClient(threading.Thread):
    """Sends `data` one byte per second; when the server closes the connection, connects again (as an attacker
    would). Half of them dribble their headers, the other half send the headers at once and dribble the body."""

    def __init__(self, port, dribble_body, stopping):
        super().__init__(daemon=True)
        self.port, self.dribble_body, self.stopping = port, dribble_body, stopping
        self.sent = 0

    def run(self):
        while not self.stopping.is_set():
            with socket.create_connection(("127.0.0.1", self.port)) as sock:
                try:
                    if self.dribble_body:
                        sock.sendall(REQUEST)
                    for byte in (b"{" * 200 if self.dribble_body else REQUEST):
                        sock.send(bytes([byte]))
                        self.sent += 1
                        if self.stopping.wait(1):
                            return
                except OSError:         # the server closed it: connect again
                    continue


def server_with(environment=None):
    port = free_port()
    command = [sys.executable, "-m", "regiewijzer.service.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=REPO, env={**os.environ, "REGIEWIJZER_RATE_LIMIT": "0", **(environment or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    booted = 0
    for line in process.stderr:             # gunicorn logs each worker it boots (3 by default)
        booted += "Booting worker" in line
        if booted == 3:
            break
    reader = threading.Thread(target=process.stderr.read)       # the pipe never fills
    reader.start()
    return port, process, reader


def answered_within(url, seconds, body=None):
    """Whether the request is answered (2xx) within `seconds`, and how long it took."""
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            response.read()
            return 200 <= response.status < 300, time.monotonic() - start
    except OSError:
        return False, time.monotonic() - start


def probe_under_attack(environment=None):
    """The (ok, seconds) of /healthz and advice requests while 8 idle and 10 slow connections are open."""
    port, process, reader = server_with(environment)
    stopping = threading.Event()
    idle = []
    try:
        base = f"http://127.0.0.1:{port}"
        assert answered_within(f"{base}/readyz", 30)[0]
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(IDLE)]
        slow = [SlowClient(port, n % 2 == 1, stopping) for n in range(SLOW)]
        for client in slow:
            client.start()
        deadline = time.monotonic() + 30
        while min(client.sent for client in slow) < 3:     # every slow client is well into its request
            assert time.monotonic() < deadline, "the slow clients could not send"
            stopping.wait(0.1)
        advice = json.dumps({"situation": {"legal_power": True}}).encode()
        return [answered_within(f"{base}/healthz", 1) for _ in range(6)] + \
               [answered_within(f"{base}/api/v1/advice", 1, advice) for _ in range(6)]
    finally:
        stopping.set()
        for sock in idle:
            sock.close()
        process.terminate()
        process.wait(30)
        reader.join(30)
        process.stderr.close()


def test_healthz_and_advice_answer_within_a_second_while_idle_and_slow_clients_hold_connections():
    results = probe_under_attack()
    assert all(ok for ok, _ in results), [f"{seconds:.2f} s" for _, seconds in results]
