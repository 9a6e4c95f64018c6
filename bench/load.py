"""Load and soak benchmark: `regiewijzer serve` under wrk, for one or several gunicorn worker classes; prints figures.

Usage: python bench/load.py [--workers N] [--connections 16] [--warmup 5] [--duration 30] [--soak 100000]
                            [--worker-class CLASS [CLASS ...]]

It starts the server as `regiewijzer serve` does, with the rate limit off (REGIEWIJZER_RATE_LIMIT=0),
runs wrk with a Lua script that POSTs a mix of advice requests, then the soak (wrk again until at least
--soak consultations), reads each worker's resident memory after warm-up and at the end, and stops the
server. With several --worker-class candidates (`sync`, `gthread:THREADS`, `gevent`, or `default`: the class of
service/cli/gunicorn_config.py) each is started in turn in the same run, measured the same way, and a table
compares their req/s and p99 side by side, each against the first (the soak runs for the first candidate only;
`gunicorn` options starting with `-` are a candidate too). The mix, in turn: the practice cases as written
(partial), seeded random situations with about 40 % of the facts known (partial), and seeded random full
situations (every fact known); nl and en.

First (--compare seconds, 0: not) the default and the full answer are each served three ways in the same run:
by Regiewijzer, by Regiewijzer handing back the answer it made before for a body (bench/stored_answers_app.py:
the HTTP layer alone, the ceiling of any speed-up of the consultation) and by a trivial app returning a fixed
body of the same size (bench/baseline_app.py); the ratios to the trivial app are what counts on a noisy machine.
"""
import argparse
import json
import os
import random
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from speed import full_situations, partial_situations

from regiewijzer.rules.knowledge import load_knowledge
from regiewijzer.service import create_app
from regiewijzer.service.ops.settings import DEFAULT_WORKERS

REPO = Path(__file__).resolve().parent.parent

LUA = """
local bodies = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/advice", {["Content-Type"] = "application/json"}, bodies[(n %% #bodies) + 1])
end
"""


def load():
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def request_bodies(knowledge, count, seed, detail=None):
    """JSON bodies in turn: practice case as written, random partial, random full; nl and en alternating;
    with `detail` ("full") when given, else the default (focused) answer."""
    rng = random.Random(seed)
    pools = [partial_situations(knowledge, 0, seed)[:len(knowledge.examples)],
             partial_situations(knowledge, count, seed)[len(knowledge.examples):],
             full_situations(knowledge, count, seed)[:count]]
    bodies = []
    for n in range(3 * count):
        pool = pools[n % 3]
        body = {"situation": pool[rng.randrange(len(pool))], "lang": ("nl", "en")[n % 2]}
        bodies.append(json.dumps({**body, "detail": detail} if detail else body))
    return bodies


def mean_answer_bytes(bodies, knowledge):
    """The mean size of the answers to `bodies` (made in this process, as the server makes them)."""
    client = create_app({"TESTING": True, "RATE_LIMIT": "0", "KNOWLEDGE_PATH": knowledge}).test_client()
    sizes = [len(client.post("/api/v1/advice", data=body, content_type="application/json").data) for body in bodies]
    return round(sum(sizes) / len(sizes))


def bench_app_command(port, workers, app):
    """gunicorn with Regiewijzer's settings, serving `app` ('module:factory()') of bench/."""
    return [sys.executable, "-m", "gunicorn", "--config", "python:regiewijzer.service.cli.gunicorn_config",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--chdir", str(REPO / "bench"), app]


def baseline_command(port, workers, size):
    """bench/baseline_app.py: a trivial app returning a fixed body of `size` bytes."""
    return bench_app_command(port, workers, f"baseline_app:create_app({size})")


def stored_answers_command(port, workers):
    """bench/stored_answers_app.py: Regiewijzer's app handing back the answer it made before for a situation."""
    return bench_app_command(port, workers, "stored_answers_app:create_app()")


def lua_script(bodies):
    return LUA % ",\n".join("[==[" + body + "]==]" for body in bodies)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_arguments(candidate):
    """gunicorn command-line options for a candidate `sync`, `gthread:THREADS`, `gevent`, `default`, or gunicorn's
    own options (starting with `-`)."""
    if candidate == "default":
        return ""
    if candidate.startswith("-"):
        return candidate
    name, _, threads = candidate.partition(":")
    return f"--worker-class {name}" + (f" --threads {threads}" if threads else "")


def start_server(port, workers, knowledge, candidate="default", command=None):
    """`regiewijzer serve` (or `command`) with a worker class, once /readyz answers and every worker runs."""
    # GUNICORN_CMD_ARGS: gunicorn's own way to override the settings module, so `serve` itself is unchanged
    env = dict(os.environ, REGIEWIJZER_RATE_LIMIT="0", GUNICORN_CMD_ARGS=worker_arguments(candidate))
    if knowledge:
        env["REGIEWIJZER_KNOWLEDGE"] = knowledge
    if "PROMETHEUS_MULTIPROC_DIR" not in env:     # metrics in files, as `regiewijzer serve` keeps them (for the
        env["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="regiewijzer-bench-")   # bench's own apps too)
    if command is None:
        command = [sys.executable, "-m", "regiewijzer.service.cli"] + (["--knowledge", knowledge] if knowledge else [])
        command += ["serve", "--port", str(port), "--workers", str(workers)]
    log = tempfile.TemporaryFile()      # noqa: SIM115 - kept open while the server runs; closed with the process
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"the server stopped: {log.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200 and len(worker_pids(server.pid)) == workers:
                    return server
        except OSError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not get ready within 60 s")


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []


def rss_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def cpu_seconds(pids):
    """User + system CPU seconds used so far by the processes `pids`."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(sum(int(n) for n in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13]) / ticks
               for pid in pids)


def children_cpu_seconds():
    """User + system CPU seconds of this process's finished children (the wrk runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrk(port, script, connections, threads, duration):
    """wrk's figures: requests, seconds, requests/s, errors, latency percentiles (ms)."""
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    requests, seconds = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out).group(1, 2)
    seconds = float(seconds) * (60 if re.search(r"requests in [\d.]+m\b", out) else 1)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    percentiles = {p: _ms(value) for p, value in re.findall(r"\s+(50|75|90|99)%\s+([\d.]+\w+)", out)}
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"requests": int(requests), "seconds": seconds, "rate": rate, "errors": errors, "latency": percentiles}


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def report(name, figures):
    lat = figures["latency"]
    print(f"{name}: {figures['requests']} requests in {figures['seconds']:.1f} s = {figures['rate']:.0f} req/s, "
          f"errors {figures['errors']}, latency p50 {lat['50']:.1f} ms p90 {lat['90']:.1f} ms "
          f"p99 {lat['99']:.1f} ms  ({load()})")


def timed_run(command_port, script, args, duration):
    """wrk against a started server: its figures, after a short warm-up."""
    wrk(command_port, script, args.connections, args.threads, min(3, args.warmup))
    return wrk(command_port, script, args.connections, args.threads, duration)


def serve_and_run(args, script, command=None):
    port = free_port()
    server = start_server(port, args.workers, args.knowledge, command=command(port) if command else None)
    try:
        return timed_run(port, script, args, args.compare)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def compare_with_baseline(args):
    """The default (focused) and the full answer, each beside a trivial app returning a body of the same size,
    in the same run: the ratio is what counts on a noisy machine."""
    knowledge = load_knowledge(args.knowledge)
    for detail in (None, "full"):
        bodies = request_bodies(knowledge, 100, seed=5, detail=detail)
        size = mean_answer_bytes(bodies, args.knowledge)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(lua_script(bodies))
        try:
            ours = serve_and_run(args, script.name)
            stored = serve_and_run(args, script.name, lambda port: stored_answers_command(port, args.workers))
            base = serve_and_run(args, script.name,
                                 lambda port, size=size: baseline_command(port, args.workers, size))
        finally:
            os.unlink(script.name)
        name = "full answer (detail: full)" if detail else "default (focused) answer"
        print(f"{name}: mean answer {size / 1024:.1f} KB")
        report("  regiewijzer", ours)
        report("  regiewijzer handing back stored answers (the HTTP layer alone)", stored)
        report("  baseline, a fixed body of that size", base)
        print(f"  ratio to the baseline: {ours['rate'] / base['rate']:.2f}  "
              f"({ours['rate']:.0f} / {base['rate']:.0f} req/s); the HTTP layer alone: "
              f"{stored['rate'] / base['rate']:.2f}, the most a faster consultation could reach")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up before memory is read")
    parser.add_argument("--duration", type=int, default=30, help="seconds of the load run")
    parser.add_argument("--soak", type=int, default=100_000, help="consultations in the soak run (0: none)")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--knowledge", default=os.environ.get("REGIEWIJZER_KNOWLEDGE"))
    parser.add_argument("--compare", type=int, default=15,
                        help="seconds of each run of the default and the full answer beside the baseline (0: none)")
    parser.add_argument("--worker-class", nargs="+", default=["default"],
                        help="candidates measured in turn: default, sync, gthread:THREADS, gevent")
    args = parser.parse_args(argv)
    if args.compare:
        compare_with_baseline(args)

    bodies = request_bodies(load_knowledge(args.knowledge), 100, seed=5)
    port = args.port or free_port()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(bodies))
    results = {}
    try:
        for number, candidate in enumerate(args.worker_class):
            print(f"{load()}; {args.workers} gunicorn workers ({candidate}), wrk {args.connections} connections, "
                  f"{len(bodies)} request bodies (practice cases, random partial, random full; nl/en)")
            results[candidate] = measure(args, port, script.name, candidate, soak=args.soak if number == 0 else 0)
    finally:
        os.unlink(script.name)
    if len(results) > 1:
        compare(results)


def measure(args, port, script, candidate, soak):
    """Start the server with one worker class, warm up, run the load (and the soak), stop it; wrk's figures."""
    server = start_server(port, args.workers, args.knowledge, candidate)
    try:
        workers = worker_pids(server.pid)
        wrk(port, script, args.connections, args.threads, args.warmup)
        warm = {pid: rss_mb(pid) for pid in workers}
        cpu, wrk_cpu = cpu_seconds(workers), children_cpu_seconds()
        figures = wrk(port, script, args.connections, args.threads, args.duration)
        report("load", figures)
        served = (cpu_seconds(workers) - cpu) / figures["requests"] * 1e3
        driven = (children_cpu_seconds() - wrk_cpu) / figures["requests"] * 1e3
        print(f"CPU per request: workers {served:.2f} ms + wrk {driven:.2f} ms; all 2 cores for this alone would "
              f"serve about {2000 / (served + driven):.0f} requests/s (CPU time grows too on a busy machine)")
        if soak:
            done, errors, start = 0, 0, time.monotonic()
            while done < soak:
                more = wrk(port, script, args.connections, args.threads, 20)
                done, errors = done + more["requests"], errors + more["errors"]
            print(f"soak: {done} consultations in {time.monotonic() - start:.0f} s, errors {errors}  ({load()})")
        end = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}
        for pid, mb in warm.items():
            if pid in end:
                print(f"worker {pid}: RSS after warm-up {mb:.1f} MB, at the end {end[pid]:.1f} MB "
                      f"({(end[pid] / mb - 1) * 100:+.1f} %)")
            else:
                print(f"worker {pid}: RSS after warm-up {mb:.1f} MB; it was replaced (no longer running)")
        return figures
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def compare(results):
    """The candidates side by side, each against the first one (the baseline of the same run)."""
    base = next(iter(results.values()))
    print(f"{'worker class':<16} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'p99 ratio':>9} {'errors':>6}")
    for candidate, figures in results.items():
        print(f"{candidate:<16} {figures['rate']:>7.0f} {figures['rate'] / base['rate']:>6.2f} "
              f"{figures['latency']['50']:>7.1f} {figures['latency']['99']:>7.1f} "
              f"{figures['latency']['99'] / base['latency']['99']:>9.2f} {figures['errors']:>6}")

if __name__ == "__main__":
    main()
