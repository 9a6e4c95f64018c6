"""The OpenAPI 3.1 document of the API, with the situation schema built from the fact vocabulary."""
from ...rules import LANGS
from ...rules.advice import DETAILS
from ...rules.domains import question_ids
from ...rules.knowledge import ITEM_KINDS, TRAINED_VERDICTS
from ...rules.model import CHANGERS, DOMAIN_FACT
from ...rules.situation import DOMAINS, UNSAFE_IN_TEXT
from ...rules.summary import SUMMARY_KINDS
from ..ops.ratelimit import UNLIMITED_PATHS

NULLABLE_STRING = {"type": ["string", "null"]}
TAGS = [{"name": "advice", "description": "Advice, what-if and the report for a situation"},
        {"name": "knowledge", "description": "The fact vocabulary and the encoded guidance"},
        {"name": "operations", "description": "Probes, metrics and this document"},
        {"name": "admin", "description": "Admin actions (bearer token)"}]
SECURITY_SCHEMES = {"adminToken": {"type": "http", "scheme": "bearer",
                                   "description": "the token set in REGIEWIJZER_ADMIN_TOKEN (admin actions only)"},
                    "metricsToken": {"type": "http", "scheme": "bearer",
                                     "description": "the token set in REGIEWIJZER_METRICS_TOKEN (/metrics only)"}}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(properties, required=None, extra=False, optional=()):
    """An object schema; every property is required unless `required` lists them or `optional` names it."""
    required = [name for name in (properties if required is None else required) if name not in optional]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": extra}


def _nullable_enum(kind, values):
    """One of `values`, or null (as anyOf, so that generated clients make one enum type of it)."""
    return {"anyOf": [{"type": kind, "enum": list(values)}, {"type": "null"}]}


def _operation(operation_id, tag, summary, **rest):
    """An operation with the id and tag that generated clients name their functions and modules after."""
    return {"operationId": operation_id, "tags": [tag], "summary": summary, **rest}


def _items(schema):
    return {"type": "array", "items": schema}


def situation_schema(knowledge):
    properties = {fact.id: _fact_schema(fact) for fact in knowledge.facts.values()}
    per_domain = _obj({f: _fact_schema(knowledge.facts[f]) for f in knowledge.per_domain_facts}, required=[])
    properties[DOMAINS] = {
        "anyOf": [_obj({d: {"anyOf": [per_domain, {"type": "null"}]} for d in knowledge.facts[DOMAIN_FACT].values},
                       required=[]), {"type": "null"}],
        "description": "The facts that differ per policy domain (001 §2.2): {policy domain: {fact: value}}. A key "
                       "adds its domain to policy_domains; a domain without its own value takes the theme-wide one."}
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "description": "Every fact is optional; absent or null means unknown."}


def _fact_schema(fact):
    """The schema of one fact's value (null: unknown)."""
    schema = {"description": fact.question["en"]}
    if fact.type == "bool":
        schema["type"] = ["boolean", "null"]
    elif fact.type == "enum":
        schema.update(_nullable_enum("string", fact.values))
    elif fact.type == "list":
        schema.update(type=["array", "null"], uniqueItems=True, items={"type": "string", "enum": list(fact.values)})
    elif fact.type == "int":
        schema.update(type=["integer", "null"], minimum=fact.minimum, maximum=fact.maximum)
    else:       # one line: no control, line-separator or bidi formatting character (rules/situation.py)
        schema.update(type=["string", "null"], maxLength=fact.max_length,
                      pattern=f"^[^{UNSAFE_IN_TEXT.pattern[1:-1]}]*$")
    return schema


def _taught(verdict):
    """A decided value of a verdict field (for a field holding several values: a non-empty list of them)."""
    values = [v for v in verdict.values if v != verdict.undecided]
    value = {"type": "integer" if all(isinstance(v, int) for v in values) else "string", "enum": values}
    return {**_items(value), "minItems": 1} if verdict.many else value


def _schemas(knowledge):
    verdict_values = {v.field: list(v.values) for v in knowledge.verdicts.values()}
    domain_values = list(knowledge.facts[DOMAIN_FACT].values)
    domains = _items({"type": "string", "enum": domain_values})
    stage = _nullable_enum("integer", verdict_values["stage"])
    section = _obj({"items": _items(_ref("Item"))})
    source = _obj({"document": {"type": "string"}, "document_id": {"type": "string"},
                   "document_title": {"type": "string"}, "document_short": {"type": "string"},
                   "section": {"type": "string"},
                   "section_title": {"type": "string"}, "box": {"type": "string"}},
                  required=["document", "document_id", "document_title", "document_short", "section", "section_title"])
    cited = {"anyOf": [_ref("Source"), {"type": "string", "description": "in a focused advice: the key of the "
                                                                         "source in the advice's `sources`"}]}
    item = _obj({"id": {"type": "string"}, "kind": {"type": "string"}, "title": {"type": "string"},
                 "text": {"type": "string"}, "source": cited, "rules": _items({"type": "string"}),
                 "section": {"type": "string"}, "inference": {"type": "string"},
                 "dated": {"type": "integer", "description": "the year of the guidance the text describes"}},
                required=["id", "kind", "text", "source", "rules"])
    example = _obj({"id": {"type": "string"}, "kind": {"const": "example"}, "place": {"type": "string"},
                    "title": {"type": "string"}, "text": {"type": "string"}, "lesson": {"type": "string"},
                    "source": cited, "rules": _items({"type": "string"}),
                    "situation": {"type": "object"},
                    "training_situation": _ref("Situation"),       # the story's facts plus the assumptions
                    "assumptions": {**NULLABLE_STRING, "description": "what the exercise assumes beyond the story"},
                    "teaches": _obj({f: _taught(knowledge.verdicts[f]) for f in TRAINED_VERDICTS}, required=[]),
                    "see_also": _items(_ref("Source"))},
                   required=["id", "kind", "place", "title", "text", "lesson", "source", "rules"])
    return {
        "Situation": situation_schema(knowledge),
        "AdviceRequest": _obj({"situation": {"anyOf": [_ref("Situation"), {"type": "null"}]},
                               "lang": {"type": "string", "enum": list(LANGS), "default": "nl"},
                               "detail": {"type": "string", "enum": list(DETAILS), "default": "focused",
                                          "description": "`focused`: what this situation selects, the best "
                                                         "fitting items first; `full`: every selected item"}},
                              required=[]),
        "ConsultationRequest": _obj({"situation": {"anyOf": [_ref("Situation"), {"type": "null"}]},
                               "lang": {"type": "string", "enum": list(LANGS), "default": "nl"}}, required=[]),
        "SummaryLine": _obj({"kind": {"type": "string", "enum": [*SUMMARY_KINDS]}, "text": {"type": "string"},
                             "source": cited, "code": {"type": "string", "enum": list(knowledge.warnings)},
                             "id": {"type": "string"}, "fields": _items({"type": "string"}),
                             "fact": {"type": "string", "enum": question_ids(knowledge)}},
                            required=["kind", "text", "source"]),
        "SectionCount": _obj({"id": {"type": "string", "enum": list(knowledge.layout.sections)},
                              "part": {"type": "string", "enum": list(knowledge.layout.parts)},
                              "shown": {"type": "integer", "minimum": 0},
                              "selected": {"type": "integer", "minimum": 0}}),
        "Source": source,
        "Item": item,
        "Example": example,
        "Warning": _obj({"code": {"type": "string", "enum": list(knowledge.warnings)},
                         "severity": {"type": "string", "enum": ["high", "medium", "low"]},
                         "title": {"type": "string"}, "text": {"type": "string"}, "source": cited,
                         "rules": _items({"type": "string"}), "domains": domains,
                         "domain_labels": _items({"type": "string"})},
                        optional=["domains", "domain_labels"]),
        "TraceStep": _obj({"step": {"type": "integer"}, "rule": {"type": "string"},
                           "matched": {"type": "object"}, "requires": _items({"type": "string"}),
                           "concludes": {"type": "object"}, "source": cited,
                           "otherwise": {"type": "string"}, "domains": domains,
                           "mixed": {"type": "string", "description": "the verdict field a mixed rule sets because "
                                                                      "the policy domains reach different values; "
                                                                      "the steps with `domains` that set it say why"}},
                          required=["step", "rule", "matched", "requires", "concludes", "source"]),
        "Question": _obj({"fact": {"type": "string", "enum": question_ids(knowledge)},
                          "impact": {"type": "integer", "minimum": 1},
                          "could_change": _items({"type": "string"}),
                          "domain": {"type": "string", "enum": domain_values},
                          "domain_fact": {"type": "string", "enum": list(knowledge.per_domain_facts)}},
                         optional=["domain", "domain_fact"]),
        "DomainPosition": _obj({
            "domain": {"type": "string", "enum": domain_values}, "domain_label": {"type": "string"},
            "verdict": {"type": "string", "enum": verdict_values["role"]}, "label": {"type": "string"},
            "items": _items({"anyOf": [_ref("Item"), _ref("ItemReference")]}),
            "warnings": _items({"type": "string", "enum": list(knowledge.warnings)}),
            "open": _items({"type": "string", "enum": list(knowledge.per_domain_facts)})}),
        "ItemReference": _obj({"id": {"type": "string"}, "kind": {"type": "string"}, "title": {"type": "string"},
                               "source": {"type": "string"}, "rules": _items({"type": "string"}),
                               "dated": {"type": "integer"}},
                              optional=["title", "dated"]),
        "Advice": _obj({
            "role": _obj({"verdict": {"type": "string", "enum": verdict_values["role"]},
                          "label": {"type": "string"}, "items": _items(_ref("Item")),
                          "by_domain": {**_items(_ref("DomainPosition")),
                                        "description": "the position per policy domain of the situation; in a "
                                                       "focused advice its items are references"}}),
            "coordination": _obj({"stage": stage, "stage_label": NULLABLE_STRING, "next_stage": stage,
                                  "next_stage_label": NULLABLE_STRING, "items": _items(_ref("Item"))}),
            "strategy": _obj({"scope": _nullable_enum("string", verdict_values["scope"]),
                              "scope_label": NULLABLE_STRING,
                              "focus": _items({"type": "string", "enum": verdict_values["focus"]}),
                              "focus_labels": _items({"type": "string"}), "items": _items(_ref("Item"))}),
            "procedure": _obj({"scenario": _nullable_enum("integer", verdict_values["scenario"]),
                               "scenario_label": NULLABLE_STRING, "items": _items(_ref("Item"))}),
            **{name: section for name in knowledge.layout.sections
               if name not in ("role", "coordination", "strategy", "procedure", "dos", "donts")},
            "dos": _items(_ref("Item")), "donts": _items(_ref("Item")),
            "summary": {**_items(_ref("SummaryLine")), "minItems": 1},
            "detail": {"type": "string", "enum": list(DETAILS)},
            "sections": _items(_ref("SectionCount")),
            "sources": {"type": "object", "additionalProperties": _ref("Source"),
                        "description": "focused advice only: every source it cites, by key"},
            "warnings": _items(_ref("Warning")), "examples": _items(_ref("Example")),
            "questions": _items({"type": "string", "enum": question_ids(knowledge)}),
            "question_details": _items(_ref("Question")),
            "trace": _items(_ref("TraceStep")),
            "situation": _ref("Situation"),
            "lang": {"type": "string", "enum": list(LANGS)},
            "knowledge_version": {"type": "string"},
            "pictures": _obj({name: {"type": "string", "contentMediaType": "image/svg+xml"}
                              for name in ("role", "coordination", "strategy", "procedure")})},
            optional=["pictures", "sources"]),
        **_what_if_schemas(),
        "Fact": _obj({"id": {"type": "string"}, "group": {"type": "string"}, "label": {"type": "string"},
                      "type": {"type": "string", "enum": ["bool", "enum", "list", "int", "text"]},
                      "question": {"type": "string"}, "help": {"type": "string"},
                      "lever": {"type": "boolean", "description": "the bestuur can change the fact itself"},
                      "changed_by": {"type": "string", "enum": list(CHANGERS),
                                     "description": "who can change the fact: the bestuur (a lever), nobody it "
                                                    "can ask (a circumstance) or only a higher government (what-if "
                                                    "lists it under asks); situation-dependent exceptions are in "
                                                    "knowledge/facts.yaml"},
                      "per_domain": {"type": "boolean", "description": "can be given per policy domain "
                                                                       "(situation.domains)"},
                      "source": _ref("Source"),
                      "values": _items(_obj({"id": {"type": "string"}, "label": {"type": "string"}})),
                      "min": {"type": "integer"}, "max": {"type": "integer"}, "max_length": {"type": "integer"}},
                     required=["id", "group", "type", "label", "question", "help", "lever", "changed_by", "source"]),
        "Verdict": _obj({"field": {"type": "string"}, "section": {"type": "string"}, "label": {"type": "string"},
                         "many": {"type": "boolean"}, "undecided": {"type": ["string", "integer", "null"]},
                         "values": _items(_obj({"id": {"type": ["string", "integer"]}, "label": {"type": "string"}}))}),
        "Facts": _obj({"lang": {"type": "string"}, "knowledge_version": {"type": "string"},
                       "groups": _items(_obj({"id": {"type": "string"}, "label": {"type": "string"}})),
                       "question_order": {**_items(_obj({"id": {"type": "string"}, "label": {"type": "string"},
                                                         "facts": _items({"type": "string"})})),
                                          "description": "the stages in which a trainer asks about a situation "
                                                         "(knowledge/questions.yaml), each with its facts"},
                       "facts": _items(_ref("Fact")), "verdicts": _items(_ref("Verdict"))}),
        "Knowledge": _obj({"lang": {"type": "string"}, "knowledge_version": {"type": "string"},
                           "count": {"type": "integer"},
                           "items": _items({"anyOf": [_ref("Item"), _ref("Example")]})}),
        "Error": _obj({"error": {"type": "string"}, "message": {"type": "string"}, "field": NULLABLE_STRING,
                       "allowed": {}, "suggestion": {"type": "string"},
                       "retry_after": {"type": "integer", "minimum": 1}}, required=["error", "message", "field"]),
        "Glossary": _obj({"lang": {"type": "string", "enum": list(LANGS)}, "knowledge_version": {"type": "string"},
                          "terms": _items(_obj({"id": {"type": "string"}, "term": {"type": "string"},
                                                "text": {"type": "string"}, "source": _ref("Source")}))}),
        "Status": _obj({"status": {"type": "string"}, "knowledge_version": {"type": "string"},
                        "target_version": {"type": "string", "description": "the version every worker should serve "
                                           "(after a reload), when this one serves another"}},
                       required=["status"]),
        "Reloaded": _obj({"status": {"const": "reloaded"}, "knowledge_version": {"type": "string"},
                          "previous_version": {"type": "string"}}),
        "KnowledgeRefused": _obj({"error": {"const": "invalid_knowledge"}, "message": {"type": "string"},
                                  "field": {"type": "null"}, "knowledge_version": {"type": "string"},
                                  "problems": _items(_obj({"file": {"type": "string"}, "item": {"type": "string"},
                                                           "message": {"type": "string"}}))}),
    }


def _what_if_schemas():
    """Levers and branches of `POST /api/v1/what-if`; `from`/`to` are verdict values (true/false for a warning)."""
    string, strings = {"type": "string"}, _items({"type": "string"})
    effect = {"target": string, "target_label": string, "from": {}, "from_label": string,
              "to": {}, "to_label": string}
    change = _obj({"fact": string, "fact_label": string, "value": {}, "value_label": string,
                   "domains": {**strings, "description": "the policy domains whose fact changes"}},
                  optional=["domains"])
    return {
        "Effect": _obj({**effect, "text": string}),
        "Lever": _obj({**effect, "changes": {**_items(change), "minItems": 1, "maxItems": 2}, "text": string,
                       "also": strings, "sources": _items(_ref("Source")), "rules": strings}),
        "Branch": _obj({"fact": string, "fact_label": string, "question": string, "text": string,
                        "outcomes": _items(_obj({"value": {}, "value_label": string,
                                                 "effects": _items(_ref("Effect")), "rules": strings}))}),
        "WhatIf": _obj({"lang": {"type": "string", "enum": list(LANGS)}, "knowledge_version": string,
                        "levers": {**_items(_ref("Lever")), "description": "changes the bestuur can make itself"},
                        "asks": {**_items(_ref("Lever")),
                                 "description": "changes only a higher government can make: what to ask of it "
                                                "(001 §2.3, the first source), with what each would change"},
                        "branches": _items(_ref("Branch"))}),
    }


def _json(schema_name, description):
    return {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}


def _lang_param():
    return {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": list(LANGS)}}


def _unauthorized(description):
    return {**_json("Error", description),
            "headers": {"WWW-Authenticate": {"description": "Bearer realm", "required": True,
                                             "schema": {"type": "string"}}}}


def _reload_operation(bad):
    unauthorized = _unauthorized("No token, or not the configured one")
    return {"post": {
        "operationId": "reload_knowledge", "tags": ["admin"],
        "summary": "Reload the knowledge base from the configured path, in every worker",
        "description": "Loads, validates and compiles the knowledge as it is on disk now, runs the whole-knowledge "
                       "checks and a canned consultation; only then does it replace the running knowledge base. "
                       "Takes no body.",
        "security": [{"adminToken": []}],
        "responses": {"200": _json("Reloaded", "The new knowledge base serves"), "400": bad,
                      "401": unauthorized,
                      "404": _json("Error", "Admin actions are off: no REGIEWIJZER_ADMIN_TOKEN is configured"),
                      "422": _json("KnowledgeRefused", "The knowledge base on disk was refused; "
                                                       "the running one keeps serving")}}}


def _consultation(ok, more=None, request="ConsultationRequest"):
    """Request body and responses of an endpoint that takes a situation (and a language; the advice also `detail`)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": _ref(request)}}},
            "responses": {"200": ok, "400": _json("Error", "Bad input: the field and what is allowed"),
                          "413": _json("Error", "The body is larger than 64 KiB"),
                          "415": _json("Error", "The body is not sent as application/json"), **(more or {})}}


def _rate_limited(reports=False):
    limits = "REGIEWIJZER_RATE_LIMIT, and for reports REGIEWIJZER_REPORT_RATE_LIMIT" if reports else \
        "REGIEWIJZER_RATE_LIMIT"
    return {**_json("Error", f"Too many requests from this client ({limits})"),
            "headers": {"Retry-After": {"description": "Seconds until the client may send again", "required": True,
                                        "schema": {"type": "integer", "minimum": 1}}}}


def _operational(paths, metrics, metrics_token):
    """Adds /metrics when it is on, and 429 to every operation but the probes and the metrics."""
    if metrics:
        responses = {"200": {"description": "Prometheus text format",
                             "content": {"text/plain": {"schema": {"type": "string"}}}}}
        secured = {}
        if metrics_token:
            responses["401"] = _unauthorized("No token, or not REGIEWIJZER_METRICS_TOKEN")
            secured = {"security": [{"metricsToken": []}]}
        paths["/metrics"] = {"get": _operation(
            "get_metrics", "operations",
            "Prometheus metrics: requests by route and status, latency, verdicts, knowledge version",
            responses=responses, **secured)}
    for path, operations in paths.items():
        if path not in UNLIMITED_PATHS:
            for operation in operations.values():
                operation["responses"]["429"] = _rate_limited(reports=path == "/api/v1/report")


def openapi_document(knowledge, metrics=True, admin=False, metrics_token=False):
    """The document of the running service: /metrics when it is on (REGIEWIJZER_METRICS), behind a bearer token
    when one is set (REGIEWIJZER_METRICS_TOKEN); the admin action only when it exists (REGIEWIJZER_ADMIN_TOKEN)."""
    bad = _json("Error", "Bad input: the field and what is allowed")
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Regiewijzer API", "version": "1.0.0",
                 "description": "Advice on regie and coordination for Flemish local governments, "
                                "every point traced to the guidance it comes from. "
                                f"Knowledge version {knowledge.version}. A method that a path does not list "
                                "gets 405 with an Allow header."},
        "tags": TAGS,
        "paths": {
            "/api/v1/advice": {"post": _operation(
                "get_advice", "advice", "Advice for a situation",
                parameters=[{"name": "pictures", "in": "query", "required": False,
                             "description": "`svg` adds the four verdict pictures as inline SVG",
                             "schema": {"type": "string", "enum": ["svg"]}}],
                **_consultation(_json("Advice", "The advice"), request="AdviceRequest"))},
            "/api/v1/what-if": {"post": _operation(
                "what_if", "advice", "What would change the advice: levers (one or two known facts the bestuur can "
                                     "change), asks (the same for facts only a higher government can change) and "
                                     "branches (what each answer to an unknown fact would change)",
                **_consultation(_json("WhatIf", "Levers, asks and branches")))},
            "/api/v1/report": {"post": _operation(
                "get_report", "advice",
                "The consultation as a document to download (Content-Disposition: attachment): the situation as "
                "answered, verdicts with pictures, warnings, do's and don'ts with sources, what-if levers, date, "
                "knowledge version and a note that this is advice, not a decision",
                parameters=[{"name": "format", "in": "query", "required": True,
                             "schema": {"type": "string", "enum": ["pdf", "md", "html"]}}],
                **_consultation({"description": "The report",
                                 "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
                                 "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                                             "text/markdown": {"schema": {"type": "string"}},
                                             "text/html": {"schema": {"type": "string"}}}},
                                {"503": _json("Error", "The PDF fonts are not installed on this server")}))},
            "/api/v1/facts": {"get": _operation(
                "list_facts", "knowledge",
                "The fact vocabulary with questions and help texts, and the verdict fields with their labels",
                parameters=[_lang_param()],
                responses={"200": _json("Facts", "The vocabulary"), "400": bad})},
            "/api/v1/knowledge": {"get": _operation(
                "list_knowledge", "knowledge", "All advice items and practice cases with their sources",
                parameters=[_lang_param(),
                            {"name": "kind", "in": "query", "required": False,
                             "schema": {"type": "string", "enum": [*ITEM_KINDS, "example"]}},
                            {"name": "document", "in": "query", "required": False,
                             "schema": {"type": "string", "enum": list(knowledge.documents)}}],
                responses={"200": _json("Knowledge", "The items"), "400": bad})},
            "/api/v1/glossary": {"get": _operation(
                "list_glossary", "knowledge", "The Dutch terms the English texts keep on purpose, explained",
                parameters=[_lang_param()],
                responses={"200": _json("Glossary", "The terms"), "400": bad})},
            "/api/v1/openapi.json": {"get": _operation(
                "get_openapi", "operations", "This document",
                responses={"200": {"description": "The OpenAPI document",
                                   "content": {"application/json": {"schema": {"type": "object"}}}}})},
            "/healthz": {"get": _operation("get_health", "operations", "Liveness",
                                           responses={"200": _json("Status", "Alive")})},
            "/readyz": {"get": _operation("get_ready", "operations",
                                          "Readiness: knowledge loaded, compiled, a canned consultation passes, "
                                          "and this worker serves the version of the last reload",
                                          responses={"200": _json("Status", "Ready"),
                                                     "503": _json("Status", "Not ready")})},
        },
        "components": {"schemas": _schemas(knowledge), "securitySchemes": SECURITY_SCHEMES},
    }
    if admin:
        document["paths"]["/api/v1/admin/reload"] = _reload_operation(bad)
    _operational(document["paths"], metrics, metrics_token)
    return document
