"""Runs the app under gunicorn's sync workers: one process per worker, each with its own engine."""
from gunicorn.app.base import BaseApplication

from . import create_app


class _Gunicorn(BaseApplication):
    def __init__(self, options, knowledge):
        self.options, self.knowledge = options, knowledge
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app({"KNOWLEDGE_PATH": self.knowledge})


def run(host, port, workers, knowledge=None):
    options = {"bind": f"{host}:{port}", "workers": workers, "worker_class": "sync",
               "preload_app": True, "accesslog": "-", "timeout": 30}
    _Gunicorn(options, knowledge).run()
