"""The last few rendered reports of this process, by content: the same consultation asked again (a double click,
a retry, the PDF and then the same PDF) is not rendered again. A PDF costs about a CPU-second."""
import hashlib
import json
import threading
from collections import OrderedDict

ENTRIES = 16            # a PDF is about 100 KB: at most a few MB per worker


class RenderedReports:
    """(bytes, media type, file name) by the content that decides them; least recently used ones go first."""

    def __init__(self, entries=ENTRIES):
        self.entries, self.rendered = entries, OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def key(situation, lang, fmt, version, date):
        """What decides a report: the situation as sent, language, format, knowledge version and date."""
        content = json.dumps([situation, lang, fmt, version, date], sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key):
        with self.lock:
            if key in self.rendered:
                self.rendered.move_to_end(key)
            return self.rendered.get(key)

    def put(self, key, rendered):
        with self.lock:
            self.rendered[key] = rendered
            self.rendered.move_to_end(key)
            while len(self.rendered) > self.entries:
                self.rendered.popitem(last=False)
