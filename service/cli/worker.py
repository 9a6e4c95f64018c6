"""The gunicorn worker of `regiewijzer serve` and the Docker image: gevent, so a slow or idle client costs no worker.

Each connection is a greenlet: while one waits for a client's bytes, the worker answers others. The consultations
themselves are CPU work under the engine's one lock (rules/engine.py); that lock and the app's other locks are
held only around code that never waits on a socket, so no greenlet can switch away while holding one.

On top of gunicorn's gevent worker:
- the whole request (line, headers and at most MAX_BODY_BYTES + 1 of its body) is read before the app is called,
  within `CLIENT_DEADLINE` seconds of connecting, else the client gets a JSON 408 and is disconnected; the app then
  reads the body from memory. A client that takes more than `CLIENT_DEADLINE` seconds to take one piece of the
  answer off its socket is disconnected too;
- errors gunicorn raises before the app sees a request (414, 431, a bad request line or header, a negative
  Content-Length) answer in the API's JSON error shape instead of gunicorn's HTML page, and so does an error
  the app did not answer itself (500);
- SIGTERM first accepts and answers the connections already waiting in the listen backlog, then stops as
  gunicorn does (finishing the requests in progress within the graceful timeout);
- the `Server` header says `regiewijzer`, not which server software and version answers.
"""
import io
import json

import gevent
from gevent import local
from gunicorn import util
from gunicorn.http import errors, wsgi
from gunicorn.workers.ggevent import GeventWorker
from werkzeug.http import HTTP_STATUS_CODES

from .. import MAX_BODY_BYTES
from ..ops.security import BASE_POLICY, HEADERS

CLIENT_DEADLINE = 15        # seconds for a client to send its whole request, and to take each piece of the answer
LINGER_SECONDS, LINGER_BYTES = 2, 16 * 1024 * 1024      # reading what a client still sends after its answer
SERVER_NAME = "regiewijzer"

# gunicorn's parse errors: (status, field of the JSON error)
PARSE_ERRORS = (
    (errors.LimitRequestLine, 414, "request line"),
    (errors.LimitRequestHeaders, 431, "headers"),
    (errors.InvalidRequestLine, 400, "request line"),
    (errors.InvalidRequestMethod, 400, "method"),
    (errors.InvalidHTTPVersion, 400, "HTTP version"),
    (errors.UnsupportedTransferCoding, 501, "Transfer-Encoding"),
    (errors.ExpectationFailed, 417, "Expect"),
    (errors.InvalidChunkSize, 400, "body"),
    (errors.ChunkMissingTerminator, 400, "body"),
    (errors.InvalidChunkExtension, 400, "body"),
    (errors.ParseException, 400, "headers"),
)


class Worker(GeventWorker):
    """gunicorn's gevent worker with a client deadline, JSON parse errors and a drained backlog on SIGTERM."""

    connection = local.local()      # per greenlet: the deadline of the connection it serves

    def init_process(self):
        wsgi.SERVER = SERVER_NAME           # gunicorn names itself in every response's Server header
        super().init_process()

    def run(self):
        # after init_process has set the signal handlers: a SIGTERM before this line may be lost (gunicorn)
        self.log.info("Worker ready (pid: %s)", self.pid)
        super().run()

    def handle(self, listener, client, addr):
        deadline = self.connection.deadline = gevent.Timeout(CLIENT_DEADLINE)
        deadline.start()
        try:
            super().handle(listener, client, addr)
        finally:
            deadline.close()

    def handle_request(self, listener_name, req, sock, addr):
        """Buffer the body (the deadline of `handle` still runs), then answer with no deadline but a socket
        timeout: queueing behind other consultations in this worker is not the client's fault."""
        if req.body is not None:
            req.body = io.BytesIO(req.body.read(MAX_BODY_BYTES + 1))   # more than the limit: the app answers 413
        self.connection.deadline.close()
        sock.settimeout(CLIENT_DEADLINE)
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            # one request per connection; what the client still sends (the rest of a body over the limit) is
            # read and dropped before closing, so its kernel does not reset the connection before it reads the 413
            util.close_graceful(sock, timeout=LINGER_SECONDS, max_drain=LINGER_BYTES)

    def handle_error(self, req, client, addr, exc):
        if isinstance(exc, gevent.Timeout):
            self.log.info("client %s disconnected: no complete request within %d s", addr, CLIENT_DEADLINE)
            _write_json_error(client, 408, f"the request was not complete within {CLIENT_DEADLINE} s", None)
            return
        for kind, status, field in PARSE_ERRORS:
            if isinstance(exc, kind):
                self.log.warning("invalid request from %s: %s", (addr or ("",))[0], exc)
                field = getattr(exc, "hdr", None) if kind is errors.ParseException else field
                _write_json_error(client, status, _message(status, exc), field or "headers")
                return
        self.log.exception("error handling a request from %s", (addr or ("",))[0])
        _write_json_error(client, 500, "the request could not be answered; the error was logged", None)

    def handle_exit(self, sig, frame):
        gevent.spawn(self._drain_then_stop)

    def _drain_then_stop(self):
        """Accept every connection waiting in the listen backlog now (they would be reset when the listening
        socket closes), answer them, then stop as gunicorn does."""
        waiting = []
        for listener in self.sockets:
            listener.setblocking(False)
            while True:
                try:
                    client, addr = listener.accept()
                except OSError:         # nothing waits any more (EAGAIN)
                    break
                waiting.append(gevent.spawn(self.handle, listener, client, addr))
        gevent.joinall(waiting, timeout=self.cfg.graceful_timeout)
        self.alive = False


def _message(status, exc):
    what = {414: "the request line (method, path and query) is longer than the server accepts",
            431: "the request has more or larger header fields than the server accepts",
            501: "the transfer coding is not supported"}
    return what.get(status, f"the request is malformed: {exc}")


def _write_json_error(client, status, message, field):
    """The API's error shape (service/api/errors.py), written straight to the socket, and the connection closed."""
    reason = HTTP_STATUS_CODES[status]
    error = reason.lower().replace(" ", "_")
    body = json.dumps({"error": error, "message": message, "field": field}).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body)), "Connection": "close",
               "Cache-Control": "no-store", "Server": SERVER_NAME, **HEADERS,
               "Content-Security-Policy": f"{BASE_POLICY}; frame-ancestors 'none'"}
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    try:
        util.write_nonblock(client, head.encode("latin-1") + body)
    except OSError:
        pass        # the client is gone
