"""Fuzzing: schemathesis's full engine (examples, coverage, fuzzing and stateful phases; every check; valid and
invalid input) against the WSGI app and its own OpenAPI document. Prints requests and failures per operation.

Usage: python bench/fuzz.py [EXAMPLES_PER_OPERATION_PHASE_AND_MODE]     (default 1000)
Exit status 1 when any check failed. Operations without any input (the probes, /metrics) have only a
handful of distinct requests (each method, a wrong content type): schemathesis stops there.
"""
import contextlib
import io
import secrets
import sys
import time
from collections import Counter, defaultdict

import schemathesis
from schemathesis.engine import Status, events, from_schema

from regiewijzer.service import create_app


def run(examples):
    requests, failures, errors = Counter(), defaultdict(Counter), []
    with contextlib.redirect_stdout(io.StringIO()):          # the request log: one JSON line per request
        # an admin token the fuzzer cannot know: the admin action exists and its token check is fuzzed
        app = create_app({"RATE_LIMIT": "0", "ADMIN_TOKEN": secrets.token_urlsafe(32)})
        schema = schemathesis.openapi.from_dict(app.test_client().get("/api/v1/openapi.json").json)
        schema.app = app        # as from_wsgi does, but keeping the document's own operation under test
        schema.config.generation.update(max_examples=examples)
        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                label = event.recorder.label
                requests[label] += len(event.recorder.interactions)
                for checks in event.recorder.checks.values():
                    for check in checks:
                        if check.status == Status.FAILURE:
                            title = check.failure_info.failure.title if check.failure_info else ""
                            failures[label][f"{check.name}: {title}"] += 1
            elif isinstance(event, (events.NonFatalError, events.FatalError)):
                errors.append(str(getattr(event, "value", getattr(event, "exception", event))))
    return requests, failures, errors


def main(examples):
    started = time.perf_counter()
    requests, failures, errors = run(examples)
    print(f"schemathesis {schemathesis.SCHEMATHESIS_VERSION}, max_examples={examples} per operation, phase and mode; "
          f"{time.perf_counter() - started:.0f} s")
    print(f"{'operation':<32} {'requests':>9} {'failures':>9}")
    for label in sorted(requests):
        print(f"{label:<32} {requests[label]:>9} {sum(failures[label].values()):>9}")
        for failure, count in failures[label].most_common():
            print(f"    {count:>5} x {failure}")
    for error in errors:
        print(f"error: {error}")
    print(f"total: {sum(requests.values())} requests, {sum(sum(f.values()) for f in failures.values())} failed checks, "
          f"{len(errors)} errors")
    return 1 if errors or any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
