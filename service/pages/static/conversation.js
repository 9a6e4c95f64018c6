/* The advisory conversation (/ and /embed): one question at a time, the advice beside it.
   The answers live in the URL fragment (#fact=value&...), in the order given; an empty value
   means "don't know". Nothing is stored on the server. */
"use strict";

(() => {
  const {T, t, lang, embedded, el, api, answerText, why, svg, tellParent, sourceText, label} = RW;
  const PICTURES = ["role", "coordination", "strategy", "procedure"];
  const state = {vocab: null, answers: new Map(), editing: null, more: false, advice: null, completed: null,
                 request: 0, detail: "focused", preview: null, seen: null, dropped: [], confirming: false};
  const $ = (id) => document.getElementById(id);
  /** Replace a node's children, leaving out the absent ones (replaceChildren would write "null"). */
  const fill = (node, ...children) => node.replaceChildren(...children.filter((c) => c !== null && c !== undefined));

  // ---- answers <-> URL -------------------------------------------------------------------------

  function parseValue(fact, raw) {
    if (raw === "") return null;
    if (fact.type === "bool") return raw === "true" ? true : raw === "false" ? false : undefined;
    if (fact.type === "int") {
      const number = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      return number >= fact.min && number <= fact.max ? number : undefined;
    }
    if (fact.type === "enum") return fact.values.some((v) => v.id === raw) ? raw : undefined;
    if (fact.type === "list") {
      const values = raw.split(",").filter(Boolean);
      const known = values.every((id) => fact.values.some((v) => v.id === id));
      return known && new Set(values).size === values.length ? values : undefined;
    }
    return raw.length <= fact.max_length ? raw : undefined;
  }

  /** The answers of the fragment; an answer the vocabulary does not allow is left out and remembered in
      `state.dropped`, so that the page can say so in its own language and ask the question again. */
  function readAnswers() {
    const answers = new Map();
    state.dropped = [];
    for (const [id, raw] of new URLSearchParams(location.hash.slice(1))) {
      const fact = state.vocab.questions.get(id);
      const value = fact ? parseValue(fact, raw) : undefined;
      if (value === undefined) state.dropped.push({id, raw, fact});
      else answers.set(id, value);
    }
    const again = state.dropped.find((d) => d.fact);
    state.editing = again ? again.id : null;
    return answers;
  }

  function fragment(answers) {
    const params = new URLSearchParams();
    for (const [id, value] of answers) {
      params.append(id, value === null ? "" : Array.isArray(value) ? value.join(",") : String(value));
    }
    return params.toString() ? `#${params}` : "";
  }

  function writeAnswers() {
    history.replaceState(null, "", `${location.pathname}${location.search}${fragment(state.answers)}`);
  }

  /** The answers a lever's change sets: one per policy domain when it changes a fact in several domains (the API
   *  names one domain's change "domains.<domain>.<fact>", and several by the fact with their `domains`). */
  function changedAnswers(change) {
    if (!change.domains || change.fact.startsWith("domains.")) return [[change.fact, change.value]];
    return change.domains.map((domain) => [`domains.${domain}.${change.fact}`, change.value]);
  }

  /** The situation sent to the API: the answers, with a previewed lever's changes on top. */
  function situation(withPreview = true) {
    const answers = new Map(state.answers);
    if (withPreview && state.preview) {
      for (const change of state.preview.changes) for (const [id, value] of changedAnswers(change)) answers.set(id, value);
    }
    const out = {};
    for (const [id, value] of answers) {
      if (value === null) continue;
      const question = state.vocab.questions.get(id);
      if (question && question.domain) {      // an answer for one policy domain goes into situation.domains
        out.domains = out.domains || {};
        out.domains[question.domain] = {...out.domains[question.domain], [question.domain_fact]: value};
      } else out[id] = value;
    }
    return out;
  }

  // ---- the conversation ------------------------------------------------------------------------

  async function refresh(moveFocus) {
    writeAnswers();
    $("status").textContent = T.loading;
    const request = ++state.request;
    const {status, body} = await api("/api/v1/advice?pictures=svg",
                                     {situation: situation(), lang, detail: state.detail});
    if (request !== state.request) return;        // a later answer has been given meanwhile
    if (status !== 200) {
      $("status").textContent = t("error", {message: body ? `${body.field || ""}: ${body.message}` : status});
      renderLog();
      return;
    }
    const before = state.seen;
    state.advice = body;
    state.seen = shownKeys(body);
    $("status").textContent = "";
    renderDropped();
    renderLog();
    renderAsk(moveFocus);
    renderAdvice(body, before);
    renderGlance(body, before);
    renderSituation();
    if (!state.preview) whatIf(request);
  }

  /** The facts the ranking says could still change the advice and that have no answer yet. */
  function openQuestions() {
    return state.advice.questions.filter((id) => !state.answers.has(id));
  }

  /** The editing question; else the opening question (the vocabulary's first: the theme); else the ranking. */
  function nextQuestion() {
    if (state.editing) return state.editing;
    if (state.answers.size === 0) return state.vocab.facts.keys().next().value;
    const open = openQuestions();
    if (open.length) return open[0];
    if (!state.more) return null;
    return [...state.vocab.facts.keys()].find((id) => !state.answers.has(id)) || null;
  }

  function answer(id, value) {
    state.answers.set(id, value);   // an existing answer keeps its place; later answers are kept
    state.editing = null;
    state.more = false;
    state.preview = null;
    state.dropped = [];             // the messages about a shared link were seen; the question was asked again
    refresh(true);
  }

  /** Answers of a shared link that could not be read: said in the page's language, and asked again. */
  function renderDropped() {
    const box = $("dropped");
    box.replaceChildren(...state.dropped.map((d) => el("p", {className: "note", text: d.fact ?
      t("dropped_answer", {question: d.fact.question, value: d.raw}) : t("dropped_fact", {id: d.id})})));
    box.hidden = state.dropped.length === 0;
  }

  function renderLog() {
    const log = $("log");
    requestAnimationFrame(() => { log.parentElement.scrollTop = log.parentElement.scrollHeight; });
    log.replaceChildren(...[...state.answers].map(([id, value]) => {
      const fact = state.vocab.questions.get(id);
      return el("li", {className: state.editing === id ? "editing" : ""},
        el("p", {className: "asked", text: fact.question}),
        el("p", {className: "answered"}, el("strong", {text: answerText(fact, value)}), " ",
          el("button", {type: "button", className: "link", "aria-label": t("change_label", {question: fact.question}),
                        onclick: () => { state.editing = id; renderLog(); renderAsk(true); }}, T.change)));
    }));
  }

  /** Where the conversation stands: the stage of the question order the current question belongs to, and how many
   *  questions can still change the advice. */
  function progress(id) {
    const stages = state.vocab.stages;
    const still = openQuestions().length;
    const count = still === 1 ? T.progress_one : t("progress_open", {count: still});
    if (!id) return el("p", {className: "progress", text: count});
    const fact = state.vocab.questions.get(id);
    const index = stages.findIndex((stage) => stage.facts.includes(fact.domain_fact || fact.id));
    return el("p", {className: "progress"},
      el("span", {text: t("progress_group", {step: index + 1, steps: stages.length, group: stages[index].label})}),
      " · ", el("span", {text: count}));
  }

  function renderAsk(moveFocus) {
    const ask = $("ask");
    const id = nextQuestion();
    if (!id) {
      const complete = state.answers.size === state.vocab.facts.size;
      ask.replaceChildren(el("div", {className: "settled"},
        el("p", {id: "settled", tabindex: "-1", text: complete ? T.all_answered : T.settled}),
        el("p", {className: "toolbar"},
          complete ? null : el("button", {type: "button", className: "secondary",
                                          onclick: () => { state.more = true; renderAsk(true); }}, T.more_questions),
          downloadButton("download-end"))));
      if (moveFocus) $("settled").focus();
      announceComplete();
      return;
    }
    const fact = state.vocab.questions.get(id);
    const current = state.answers.has(id) ? state.answers.get(id) : undefined;
    const form = el("form", {className: "question", novalidate: true, "data-fact": id},
      progress(id),
      el("fieldset", {},
        el("legend", {}, el("span", {id: "question", tabindex: "-1", text: fact.question})),
        el("details", {className: "help"}, el("summary", {text: T.help}), el("p", {text: fact.help})),
        controls(fact, current),
        el("div", {className: "replies"},
          el("button", {type: "button", className: "unknown", onclick: () => answer(id, null)}, T.unknown))));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = readControl(fact, form, event.submitter);
      if (value !== undefined) answer(id, value);
    });
    const parts = [form];
    if (state.editing) {
      parts.unshift(el("p", {className: "note", text: T.changing}));
      parts.push(el("button", {type: "button", className: "secondary",
                               onclick: () => { state.editing = null; renderLog(); renderAsk(true); }},
                    T.cancel_change));
    }
    ask.replaceChildren(...parts);
    if (moveFocus) $("question").focus();
  }

  /** The answer controls for a fact: quick replies, a number, a text or checkboxes. */
  function controls(fact, current) {
    if (fact.type === "bool" || fact.type === "enum") {
      const options = fact.type === "bool" ?
        [{id: "true", label: T.answer_yes}, {id: "false", label: T.answer_no}] : fact.values;
      return el("div", {className: "replies"}, options.map((option) => el("button", {
        type: "submit", name: "value", value: option.id,
        className: String(current) === option.id ? "reply current" : "reply",
        "aria-pressed": String(current) === option.id ? "true" : null}, option.label)));
    }
    if (fact.type === "list") {
      const chosen = new Set(current || []);
      return el("div", {},
        el("p", {className: "hint", text: T.list_hint}),
        el("div", {className: "checks"}, fact.values.map((option) => el("label", {},
          el("input", {type: "checkbox", name: "value", value: option.id, checked: chosen.has(option.id)}),
          " ", option.label))),
        el("button", {type: "submit"}, T.next));
    }
    const number = fact.type === "int";
    const hint = number ? t("number_hint", {min: fact.min, max: fact.max}) : t("text_hint", {max: fact.max_length});
    return el("div", {className: "field"},
      el("label", {for: "answer", className: "visually-hidden", text: fact.question}),
      el("input", {id: "answer", name: "answer", type: number ? "number" : "text", required: true,
                   min: number ? fact.min : null, max: number ? fact.max : null, inputmode: number ? "numeric" : null,
                   maxlength: number ? null : fact.max_length, "aria-describedby": "answer-hint",
                   value: current === undefined || current === null ? null : String(current)}),
      el("span", {id: "answer-hint", className: "hint", text: hint}),
      el("button", {type: "submit"}, T.next));
  }

  function readControl(fact, form, submitter) {
    if (fact.type === "bool") return submitter.value === "true";
    if (fact.type === "enum") return submitter.value;
    if (fact.type === "list") return [...form.querySelectorAll("input:checked")].map((box) => box.value);
    const input = form.elements.answer;
    if (!input.checkValidity()) {
      input.reportValidity();
      return undefined;
    }
    return fact.type === "int" ? Number(input.value) : input.value.trim();
  }

  /** In an iframe: tell the parent once per set of answers that no open question remains. */
  function announceComplete() {
    const key = location.hash;
    if (!embedded || state.completed === key) return;
    state.completed = key;
    const a = state.advice;
    tellParent({type: "regiewijzer:advice-complete", knowledge_version: a.knowledge_version, lang: a.lang,
      verdicts: {role: a.role.verdict, stage: a.coordination.stage, next_stage: a.coordination.next_stage,
                 scope: a.strategy.scope, focus: a.strategy.focus, scenario: a.procedure.scenario}});
  }

  /** "Opnieuw beginnen": asks first; the answers stay one Back away (the old fragment is a history entry). */
  function restart() {
    if (!state.confirming) {
      state.confirming = true;
      $("restart-confirm").hidden = false;
      $("restart-yes").focus();
      return;
    }
    state.confirming = false;
    $("restart-confirm").hidden = true;
    history.pushState(null, "", `${location.pathname}${location.search}`);
    state.answers = new Map();
    state.editing = null;
    state.more = false;
    state.preview = null;
    state.dropped = [];
    refresh(true);
  }

  // ---- the advice ------------------------------------------------------------------------------

  /** What an advice shows: item ids and warning codes, to mark what is new after an answer. */
  function shownKeys(advice) {
    const keys = new Set(advice.warnings.map((w) => `warning:${w.code}`));
    for (const section of advice.sections) for (const entry of entries(advice, section.id)) keys.add(entry.id);
    return keys;
  }

  function entries(advice, name) {
    return Array.isArray(advice[name]) ? advice[name] : advice[name].items;
  }

  function isNew(before, key) {
    return before !== null && !before.has(key);
  }

  /** The position per policy domain (role.by_domain), when the theme touches two or more: a table with the
      domain, its position, what to check there (its items, with the year of the guidance where dated) and the
      power facts still open for it. */
  function byDomain(advice) {
    const parts = advice.role.by_domain;
    if (parts.length < 2) return null;
    const check = (item) => el("li", {}, item.title || item.id,
      item.dated ? ` (${t("dated", {year: item.dated})})` : "", " ",
      el("span", {className: "source", text: sourceText(item.source)}));
    const row = (part) => el("tr", {},
      el("th", {scope: "row", text: part.domain_label}),
      el("td", {"data-label": T.by_domain_position, text: part.label}),
      el("td", {"data-label": T.by_domain_check}, part.items.length ? el("ul", {}, part.items.map(check)) : "—"),
      el("td", {"data-label": T.by_domain_open,
                text: part.open.map((id) => state.vocab.facts.get(id).label).join(", ") || "—"}));
    return el("section", {className: "advice-part by-domain", "aria-labelledby": "by-domain-title"},
      el("h3", {id: "by-domain-title", text: T.by_domain_title}),
      el("div", {className: "table-wrap"}, el("table", {},
        el("thead", {}, el("tr", {}, [T.by_domain_domain, T.by_domain_position, T.by_domain_check, T.by_domain_open]
          .map((h) => el("th", {scope: "col", text: h})))),
        el("tbody", {}, parts.map(row)))));
  }

  function renderAdvice(advice, before) {
    const facts = state.vocab.questions;        // the facts, and the per-domain facts the answers may name
    const badge = (key) => isNew(before, key) ? el("span", {className: "badge new", text: T.new_point}) : null;
    const item = (entry) => el("article", {className: `item kind-${entry.kind}` + (isNew(before, entry.id) ? " new" : "")},
      el("h5", {}, badge(entry.id), entry.title ? " " : null, entry.title || null),
      el("p", {text: entry.text}),
      entry.inference ? el("p", {className: "inference"}, el("strong", {text: T.inference}), " ", entry.inference) : null,
      el("p", {className: "source print-only", text: sourceText(entry.source)}),
      why(entry, advice.trace, facts));
    const warning = (entry) => el("article", {className: `item warning severity-${entry.severity}`},
      el("h4", {}, el("span", {className: "badge", text: T[`severity_${entry.severity}`]}), " ",
         badge(`warning:${entry.code}`), " ", entry.title),
      el("p", {text: entry.text}),
      entry.domain_labels ? el("p", {className: "domains"}, el("strong", {text: T.concerns_domains}), " ",
                               entry.domain_labels.join(", ")) : null,
      why(entry, advice.trace, facts));
    const example = (entry) => el("article", {className: "item example"},
      el("h4", {text: entry.title}), el("p", {text: entry.text}),
      el("p", {className: "lesson"}, el("strong", {text: T.lesson}), " ", entry.lesson),
      why(entry, advice.trace, facts));
    const figures = el("div", {className: "pictures"}, PICTURES.map((name) =>
      el("figure", {}, svg(advice.pictures[name]), el("figcaption", {text: caption(name, advice)}))));
    const parts = [];
    for (const count of advice.sections) {
      const shown = entries(advice, count.id);
      if (!shown.length && !(state.detail === "focused" && count.selected)) continue;
      let part = parts.find((p) => p.id === count.part);
      if (!part) parts.push(part = {id: count.part, sections: []});
      part.sections.push(el("section", {className: "advice-section", "aria-labelledby": `section-${count.id}`},
        el("h4", {id: `section-${count.id}`, text: T.sections[count.id]}),
        shown.length ? el("div", {className: "items"}, shown.map(item)) : null,
        readMore(count)));
    }
    fill($("advice"),
      state.preview ? el("p", {className: "preview", id: "preview-note"}, el("strong", {text: T.preview_title}), " ",
                         state.preview.text) : null,
      summaryBox(advice, before, "summary"),
      el("section", {id: "print-situation", className: "print-only print-meta"}),   // printed after the summary
      el("details", {className: "advice-part glance", open: true},
        el("summary", {}, el("h3", {text: T.verdicts})), figures),
      byDomain(advice),
      advice.warnings.length ? el("section", {className: "advice-part", "aria-labelledby": "warnings-title"},
        el("h3", {id: "warnings-title", text: T.warnings}), el("div", {className: "items"}, advice.warnings.map(warning))) : null,
      ...parts.map((part) => el("section", {className: "advice-part", "aria-labelledby": `part-${part.id}`},
        el("h3", {id: `part-${part.id}`, text: T.parts[part.id]}), part.sections)),
      advice.examples.length ? el("section", {className: "advice-part", "aria-labelledby": "examples-title"},
        el("h3", {id: "examples-title", text: T.examples}), el("div", {className: "items"}, advice.examples.map(example))) : null,
      detailSwitch(advice),
      reasoning(advice));
    $("advice-actions").replaceChildren(downloadButton("download"));
  }

  /** The summary: what to do, line by line, each with its source. */
  function summaryBox(advice, before, id) {
    const kindText = {next_step: T.next_step, warning: T.summary_warning};
    return el("section", {className: "summary", "aria-labelledby": `${id}-title`},
      el("h3", {id: `${id}-title`, text: T.summary}),
      el("ul", {}, advice.summary.map((line) => el("li", {className: `line-${line.kind}`},
        kindText[line.kind] ? el("strong", {text: `${kindText[line.kind]} `}) : null,
        line.kind === "warning" && isNew(before, `warning:${line.code}`) ?
          el("span", {className: "badge new", text: T.new_point}) : null,
        line.kind === "warning" && isNew(before, `warning:${line.code}`) ? " " : null,
        el("span", {text: line.text}), " ",
        el("span", {className: "source", text: `(${sourceText(line.source)})`})))));
  }

  /** Beside the question on a small screen: the summary, and how many points are new since the last answer. */
  function renderGlance(advice, before) {
    const fresh = before === null ? 0 : [...state.seen].filter((key) => !before.has(key)).length;
    fill($("glance"),
      fresh ? el("p", {className: "fresh", role: "status", text: t("new_points", {count: fresh})}) : null,
      summaryBox(advice, before, "glance-summary"));
  }

  /** "Lees meer": what the full advice holds beyond the focused one. */
  function readMore(count) {
    if (state.detail !== "focused" || count.selected <= count.shown) return null;
    return el("p", {className: "read-more"}, el("button", {type: "button", className: "link", onclick: () => {
      state.detail = "full";
      refresh(false);
    }}, t("read_more", {count: count.selected - count.shown})));
  }

  function detailSwitch(advice) {
    const full = state.detail === "full";
    return el("p", {className: "detail-switch"}, el("button", {type: "button", className: "secondary", onclick: () => {
      state.detail = full ? "focused" : "full";
      refresh(false);
    }}, full ? T.show_focused : T.show_full));
  }

  /** How Regiewijzer reached this advice: the rules that fired, with their answers and sources. */
  function reasoning(advice) {
    const facts = state.vocab.facts;
    return el("details", {className: "advice-part reasoning"},
      el("summary", {}, el("h3", {text: T.reasoning})),
      el("p", {text: T.reasoning_intro}),
      el("ol", {}, advice.trace.map((step) => el("li", {},
        el("code", {text: step.rule}), " ",
        step.domains ? el("span", {className: "domains", text: `[${step.domains.map((d) =>
          label(facts.get("policy_domains").values, d)).join(", ")}]`}) : null, step.domains ? " " : null,
        el("span", {text: Object.entries(step.matched).map(([id, value]) =>
          `${facts.get(id).label}: ${answerText(facts.get(id), value)}`).join("; ")}), " ",
        el("span", {className: "source", text: `(${sourceText(step.source)})`})))));
  }

  function caption(name, advice) {
    if (name === "role") return `${T.role}: ${advice.role.label}`;
    if (name === "coordination") {
      const c = advice.coordination;
      return `${T.coordination}: ${c.stage_label || "–"}` + (c.next_stage_label ? ` → ${c.next_stage_label}` : "");
    }
    if (name === "strategy") {
      const s = advice.strategy;
      return `${T.strategy}: ` + ([s.scope_label, ...s.focus_labels].filter(Boolean).join(", ") || "–");
    }
    return `${T.procedure}: ${advice.procedure.scenario_label || "–"}`;
  }

  /** The report of the answers as a PDF (the real answers, never a previewed lever). */
  function downloadButton(id) {
    return el("button", {type: "button", id, className: "secondary", onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const response = await fetch("/api/v1/report?format=pdf", {method: "POST",
          headers: {"Content-Type": "application/json"}, body: JSON.stringify({situation: situation(false), lang})});
        if (!response.ok) throw new Error(String(response.status));
        const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
        const link = el("a", {href: URL.createObjectURL(await response.blob()),
                              download: name ? name[1] : "regiewijzer-advies.pdf"});
        document.body.append(link);
        link.click();
        link.remove();
      } catch (error) {
        $("status").textContent = t("error", {message: error.message});
      } finally {
        button.disabled = false;
      }
    }}, T.download_pdf);
  }

  /** The situation as a list, shown in the print view. */
  function renderSituation() {
    const facts = state.vocab.questions;
    const rows = [...state.answers].map(([id, value]) =>
      [el("dt", {text: facts.get(id).question}), el("dd", {text: answerText(facts.get(id), value)})]);
    $("print-situation").replaceChildren(el("h2", {text: T.situation}),
      rows.length ? el("dl", {}, rows) : el("p", {text: T.answered_none}));
    $("print-date").textContent = new Date().toLocaleDateString(lang === "nl" ? "nl-BE" : "en-GB",
                                                                 {year: "numeric", month: "long", day: "numeric"});
    $("print-version").textContent = state.advice.knowledge_version;
  }

  // ---- what if? (the panel stays hidden when the what-if request fails) ------------------------

  /** The API gives a lever per verdict and warning it changes; one change shown once, with every source. */
  function sameChangesOnce(levers) {
    const byChanges = new Map();
    for (const lever of levers) {
      const key = JSON.stringify(lever.changes || []);
      const first = byChanges.get(key);
      if (!first) {
        byChanges.set(key, {...lever, sources: [...(lever.sources || [])]});
        continue;
      }
      for (const source of lever.sources || []) {
        if (!first.sources.some((known) => sourceText(known) === sourceText(source))) first.sources.push(source);
      }
    }
    return [...byChanges.values()];
  }

  async function whatIf(request) {
    const panel = $("what-if");
    const {status, body} = await api("/api/v1/what-if", {situation: situation(false), lang});
    if (request !== state.request) return;
    if (status !== 200 || !body) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    const levers = sameChangesOnce(body.levers || []);
    $("levers-title").hidden = !levers.length;
    $("levers").replaceChildren(...levers.map((lever) => el("li", {},
      el("p", {text: lever.text}),
      el("p", {className: "source", text: lever.sources.map(sourceText).join("; ")}),
      el("button", {type: "button", className: "secondary", onclick: () => preview(lever)}, T.try_this))));
    const asks = sameChangesOnce(body.asks || []);      // only a higher government can make these: no preview
    $("asks").replaceChildren(...(asks.length ? [el("h4", {id: "asks-title", text: T.what_if_asks}),
      el("ul", {className: "asks", "aria-labelledby": "asks-title"}, asks.map((ask) => el("li", {},
        el("p", {text: ask.text}), el("p", {className: "source", text: ask.sources.map(sourceText).join("; ")}))))] : []));
    const branches = body.branches || [];
    $("branches").replaceChildren(...(branches.length ? [el("h4", {text: T.branches}),
      el("ul", {}, branches.map((branch) => el("li", {text: branch.text})))] : []));
    renderPreviewBar();
  }

  /** "Probeer dit": the advice as it would be with the lever, marked as a preview, with apply and back. */
  function preview(lever) {
    state.preview = lever;
    renderPreviewBar();
    refresh(false).then(() => $("preview-apply").focus());
  }

  function renderPreviewBar() {
    const bar = $("preview-bar");
    bar.hidden = !state.preview;
    if (!state.preview) return;
    bar.replaceChildren(el("p", {}, el("strong", {text: T.preview_title}), " ", state.preview.text),
      el("p", {className: "toolbar"},
        el("button", {type: "button", id: "preview-apply", onclick: () => {
          for (const change of state.preview.changes) {
            for (const [id, value] of changedAnswers(change)) state.answers.set(id, value);
          }
          state.preview = null;
          renderPreviewBar();
          refresh(true);
        }}, T.preview_apply),
        el("button", {type: "button", className: "secondary", onclick: () => {
          state.preview = null;
          renderPreviewBar();
          refresh(false);
        }}, T.preview_back)));
  }

  // ---- start -----------------------------------------------------------------------------------

  async function start() {
    state.vocab = await RW.vocabulary();
    state.answers = readAnswers();
    $("restart").addEventListener("click", restart);
    $("restart-yes").addEventListener("click", restart);
    $("restart-no").addEventListener("click", () => {
      state.confirming = false;
      $("restart-confirm").hidden = true;
      $("restart").focus();
    });
    $("print").addEventListener("click", () => window.print());
    const reread = () => {
      state.answers = readAnswers();
      state.preview = null;
      refresh(false);
    };
    window.addEventListener("hashchange", reread);
    window.addEventListener("popstate", reread);
    refresh(false);
  }

  start();
})();
