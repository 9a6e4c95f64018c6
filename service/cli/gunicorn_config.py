"""Gunicorn settings shared by `regiewijzer serve` and the Docker image's CMD.

gevent workers (service/cli/worker.py: a slow or idle client costs a greenlet, not a worker; the engine's
calls stay serialised by its lock), one request per connection; no access log, because the app writes one
JSON line per request itself; metrics of all workers added up in PROMETHEUS_MULTIPROC_DIR.
"""
import gc
import os
from pathlib import Path

from prometheus_client import multiprocess

from ...rules.errors import ConfigError
from ..ops.settings import DEFAULT_WORKERS, worker_count

bind = "127.0.0.1:8000"
try:
    workers = worker_count(os.environ.get("WEB_CONCURRENCY", str(DEFAULT_WORKERS)))
except ConfigError as exc:
    raise SystemExit(f"regiewijzer: {exc}") from None      # one clear line instead of gunicorn's traceback
worker_class = "regiewijzer.service.cli.worker.Worker"
# One request per connection, as sync workers did: a kept-alive connection would tie a client to one worker
# while the others idle (bench/load.py: p99 7x the sync workers' with keep-alive, 1x without).
keepalive = 0
preload_app = True          # load, validate and compile the knowledge once, before forking
accesslog = None
timeout = 30
control_socket_disable = True   # gunicorn >= 25.1 would write a control socket under $HOME; not used here


def _metrics_dir():
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(directory) if directory else None


def _clear(directory):
    for stale in directory.glob("*.db"):
        stale.unlink()


def on_starting(server):
    """Start the metrics of this run from an empty folder (counts of an earlier run would add up)."""
    directory = _metrics_dir()
    if directory:
        directory.mkdir(parents=True, exist_ok=True)
        _clear(directory)


def pre_fork(server, worker):
    """Move everything the master built (the compiled knowledge, the app) out of the garbage collector's reach:
    the workers' collections skip it and do not copy its pages by touching them."""
    gc.freeze()


def child_exit(server, worker):
    if _metrics_dir():
        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    directory = _metrics_dir()
    if directory and directory.is_dir():
        _clear(directory)
        try:
            directory.rmdir()
        except OSError:     # not empty: leave it to its owner
            pass
