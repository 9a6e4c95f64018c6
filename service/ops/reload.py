"""Knowledge reload without downtime: a validated new Advisor replaces the running one in every worker.

gunicorn runs the app preloaded (created once in the master, then forked), so a counter in shared memory
created here is seen by every worker, also by workers forked later. The admin action validates the
knowledge on disk, swaps its own Advisor and raises the counter; every worker compares the counter with
the generation it serves before each request, and if it is behind, builds and validates its own new
Advisor from the same path and swaps it in one assignment (a failure keeps the old one serving).
"""
import multiprocessing
import os
import threading

from ...rules import Advisor, KnowledgeError
from ...rules.check import check_all
from ...rules.errors import EngineError, Problem
from .health import CANNED_SITUATION, canned_consultation_passes


def validated_advisor(path):
    """A new Advisor for the knowledge at `path` as it is on disk now: loaded, validated, compiled, checked
    as a whole, and consulted once; KnowledgeError lists every problem found."""
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


class KnowledgeReloader:
    """Holds the app's Advisor generation and the generation shared by all workers."""

    def __init__(self, app):
        self.app = app
        self.shared = multiprocessing.Value("q", 0)     # shared memory: inherited by forked workers
        self.generation = 0                             # the generation this process serves
        self.lock = threading.Lock()                    # one reload at a time in this process

    def reload(self):
        """Validate the knowledge on disk and serve it here, then tell the other workers.
        Returns (previous version, new version); KnowledgeError leaves the running one in place."""
        with self.lock:
            advisor = validated_advisor(self.app.config["KNOWLEDGE_PATH"])
            previous = self._swap(advisor)
            with self.shared.get_lock():
                self.shared.value += 1
                self.generation = self.shared.value
        self._log_swap(previous, advisor)
        return previous, advisor.knowledge.version

    def catch_up(self):
        """Before a request: serve the newest generation if another worker reloaded (a cheap check)."""
        if self.shared.get_obj().value == self.generation:
            return
        with self.lock:
            target = self.shared.value
            if target == self.generation:
                return
            try:
                advisor = validated_advisor(self.app.config["KNOWLEDGE_PATH"])
            except KnowledgeError as exc:
                self.app.logger.error("knowledge reload refused in worker %d, the old one keeps serving: %s",
                                      os.getpid(), exc)
            else:
                self._log_swap(self._swap(advisor), advisor)
            self.generation = target

    def _log_swap(self, previous, advisor):
        # logged as a warning: operators should see a change of knowledge whatever the log level
        self.app.logger.warning("knowledge reloaded in worker %d: %s -> %s", os.getpid(), previous,
                                advisor.knowledge.version)

    def _swap(self, advisor):
        previous = self.app.extensions["advisor"].knowledge.version
        self.app.extensions["advisor"] = advisor        # one reference: a request holds the one it started with
        return previous


def register(app):
    reloader = app.extensions["reloader"] = KnowledgeReloader(app)
    app.before_request(reloader.catch_up)
