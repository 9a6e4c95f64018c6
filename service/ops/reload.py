"""Knowledge reload without downtime: every worker serves the knowledge version that was validated.

gunicorn runs the app preloaded (created once in the master, then forked), so memory shared here is seen by every
worker, also by workers forked later (a respawn, a HUP). The admin action copies the knowledge folder into a
snapshot, validates the snapshot, names it by its version (`kb-<hash of its YAML files>`) and publishes that
version as the target in shared memory. Before each request every worker compares the version it serves with the
target (one memory read); when they differ, it loads and validates the target's snapshot, never the folder, which
may have changed since. A worker whose catch-up fails keeps serving its version, says so on /readyz (503) and
tries again at most every RETRY_SECONDS. Snapshots live in SNAPSHOTS/<master pid>/ under the temporary folder and
are removed when the process that created them (the master) exits.
"""
import atexit
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from ...rules import Advisor, KnowledgeError
from ...rules.check import check_all
from ...rules.errors import EngineError, Problem
from ...rules.knowledge import DEFAULT_PATH
from .health import CANNED_SITUATION, canned_consultation_passes

SNAPSHOTS = "regiewijzer-knowledge"
RETRY_SECONDS = 5
VERSION_BYTES = 64


def validated_advisor(path):
    """A new Advisor for the knowledge at `path`: loaded, validated, compiled, checked as a whole, and consulted
    once; KnowledgeError lists every problem found."""
    try:
        advisor = Advisor.from_path(path)
    except (EngineError, OSError) as exc:     # the engine refused a ruleset; a file vanished while reading
        raise KnowledgeError([Problem("(knowledge)", "-", f"cannot be compiled or read: {exc}")]) from exc
    problems = check_all(advisor, path)
    if problems:
        raise KnowledgeError(problems)
    if not canned_consultation_passes(advisor):
        raise KnowledgeError([Problem("(knowledge)", "canned consultation",
                                      f"the situation {CANNED_SITUATION} does not give the role regie")])
    return advisor


def snapshot_root(pid):
    """The folder of the snapshots taken in the process `pid` (the gunicorn master) and its workers."""
    return Path(tempfile.gettempdir()) / SNAPSHOTS / str(pid)


class KnowledgeReloader:
    """Holds the version this process serves and the target version shared by all workers."""

    def __init__(self, app):
        self.app = app
        self.owner = os.getpid()
        self.snapshots = snapshot_root(self.owner)
        self.target = multiprocessing.Array("c", VERSION_BYTES)    # shared memory: inherited by forked workers
        self.target.value = self._serving().encode()
        self.lock = threading.Lock()                    # one reload or catch-up at a time in this process
        self.failed_at = None                           # when this process last failed to catch up
        atexit.register(self._remove_snapshots)

    def _serving(self):
        return self.app.extensions["advisor"].knowledge.version

    def target_version(self):
        return self.target.get_obj().value.decode()

    def behind(self):
        """Whether this process serves another version than the target (e.g. its catch-up failed)."""
        return self.target_version() != self._serving()

    def reload(self):
        """Snapshot the knowledge folder, validate the snapshot and serve it here, then make it every worker's
        target. Returns (previous version, new version); KnowledgeError leaves the running one in place."""
        with self.lock:
            folder = self.app.config["KNOWLEDGE_PATH"] or DEFAULT_PATH
            self.snapshots.mkdir(parents=True, exist_ok=True)
            taking = Path(tempfile.mkdtemp(prefix=".taking-", dir=self.snapshots))
            try:
                shutil.copytree(folder, taking, dirs_exist_ok=True)
                advisor = validated_advisor(taking)
            except (KnowledgeError, OSError) as exc:
                shutil.rmtree(taking, ignore_errors=True)
                if isinstance(exc, OSError):
                    raise KnowledgeError([Problem("(knowledge)", "-", f"cannot be read: {exc}")]) from exc
                raise
            version = advisor.knowledge.version
            try:
                taking.rename(self.snapshots / version)
            except OSError:             # the same content was snapshotted before: keep that one
                shutil.rmtree(taking, ignore_errors=True)
            previous = self._swap(advisor)
            with self.target.get_lock():
                self.target.value = version.encode()
        self._log_swap(previous, version)
        return previous, version

    def catch_up(self):
        """Before a request: serve the target version if it is not the one served here (a cheap check); a failure
        is retried on a later request, at most every RETRY_SECONDS."""
        if not self.behind():
            return
        if self.failed_at is not None and time.monotonic() - self.failed_at < RETRY_SECONDS:
            return
        with self.lock:
            target = self.target_version()
            if target == self._serving():
                return
            try:
                advisor = validated_advisor(self.snapshots / target)
                if advisor.knowledge.version != target:
                    raise KnowledgeError([Problem("(knowledge)", target, "the snapshot does not hold this version")])
            except KnowledgeError as exc:
                self.failed_at = time.monotonic()
                self.app.logger.error("worker %d cannot serve %s yet, %s keeps serving; retrying in %d s: %s",
                                      os.getpid(), target, self._serving(), RETRY_SECONDS, exc)
                return
            self.failed_at = None
            self._log_swap(self._swap(advisor), target)

    def _log_swap(self, previous, version):
        # logged as a warning: operators should see a change of knowledge whatever the log level
        self.app.logger.warning("knowledge reloaded in worker %d: %s -> %s", os.getpid(), previous, version)

    def _swap(self, advisor):
        previous = self._serving()
        self.app.extensions["advisor"] = advisor        # one reference: a request holds the one it started with
        return previous

    def _remove_snapshots(self):
        if os.getpid() == self.owner:                   # not a worker leaving: the master, at the end
            shutil.rmtree(self.snapshots, ignore_errors=True)


def register(app):
    reloader = app.extensions["reloader"] = KnowledgeReloader(app)
    app.before_request(reloader.catch_up)
