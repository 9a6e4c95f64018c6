/* The advisory conversation (/ and /embed): one question at a time, the advice beside it.
   The answers live in the URL fragment (#fact=value&...), in the order given; an empty value
   means "don't know". Nothing is stored on the server. */
"use strict";

(() => {
  const {T, t, lang, embedded, el, api, answerText, why, svg, tellParent} = RW;
  const ITEM_SECTIONS = ["role", "coordination", "strategy", "procedure", "positioning", "context",
                         "participants", "background"];
  const PICTURES = ["role", "coordination", "strategy", "procedure"];
  const state = {vocab: null, answers: new Map(), editing: null, more: false, advice: null, completed: null,
                 request: 0};
  const $ = (id) => document.getElementById(id);

  // ---- answers <-> URL -------------------------------------------------------------------------

  function parseValue(fact, raw) {
    if (raw === "") return null;
    if (!fact) return raw;
    if (fact.type === "bool") return raw === "true" ? true : raw === "false" ? false : raw;
    if (fact.type === "int") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (fact.type === "list") return raw.split(",").filter(Boolean);
    return raw;
  }

  function readAnswers() {
    const answers = new Map();
    for (const [id, raw] of new URLSearchParams(location.hash.slice(1))) {
      answers.set(id, parseValue(state.vocab.facts.get(id), raw));
    }
    return answers;
  }

  function writeAnswers() {
    const params = new URLSearchParams();
    for (const [id, value] of state.answers) {
      params.append(id, value === null ? "" : Array.isArray(value) ? value.join(",") : String(value));
    }
    const fragment = params.toString() ? `#${params}` : "";
    history.replaceState(null, "", `${location.pathname}${location.search}${fragment}`);
  }

  function situation() {
    return Object.fromEntries([...state.answers].filter(([, value]) => value !== null));
  }

  // ---- the conversation ------------------------------------------------------------------------

  async function refresh(moveFocus) {
    writeAnswers();
    $("status").textContent = T.loading;
    const request = ++state.request;
    const {status, body} = await api("/api/v1/advice?pictures=svg", {situation: situation(), lang});
    if (request !== state.request) return;        // a later answer has been given meanwhile
    if (status !== 200) {
      $("status").textContent = t("error", {message: body ? `${body.field || ""}: ${body.message}` : status});
      renderLog();
      return;
    }
    state.advice = body;
    $("status").textContent = "";
    renderLog();
    renderAsk(moveFocus);
    renderAdvice(body);
    renderSituation();
    whatIf(request);
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
    refresh(true);
  }

  function renderLog() {
    const log = $("log");
    requestAnimationFrame(() => { log.parentElement.scrollTop = log.parentElement.scrollHeight; });
    log.replaceChildren(...[...state.answers].map(([id, value]) => {
      const fact = state.vocab.facts.get(id);
      const question = fact ? fact.question : id;
      return el("li", {className: state.editing === id ? "editing" : ""},
        el("p", {className: "asked", text: question}),
        el("p", {className: "answered"}, el("strong", {text: fact ? answerText(fact, value) : String(value)}),
          " ",
          el("button", {type: "button", className: "link", "aria-label": t("change_label", {question}),
                        onclick: () => { state.editing = id; renderLog(); renderAsk(true); }}, T.change)));
    }));
  }

  function renderAsk(moveFocus) {
    const ask = $("ask");
    const id = nextQuestion();
    if (!id) {
      const complete = state.answers.size === state.vocab.facts.size;
      ask.replaceChildren(el("div", {className: "settled"},
        el("p", {id: "settled", tabindex: "-1", text: complete ? T.all_answered : T.settled}),
        complete ? null : el("button", {type: "button", onclick: () => { state.more = true; renderAsk(true); }},
                                T.more_questions)));
      if (moveFocus) $("settled").focus();
      announceComplete();
      return;
    }
    const fact = state.vocab.facts.get(id);
    const current = state.answers.has(id) ? state.answers.get(id) : undefined;
    const form = el("form", {className: "question", novalidate: true, "data-fact": id},
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

  // ---- the advice ------------------------------------------------------------------------------

  function renderAdvice(advice) {
    const facts = state.vocab.facts;
    const item = (entry) => el("article", {className: `item kind-${entry.kind}`},
      el("h4", {text: entry.title}), el("p", {text: entry.text}), why(entry, advice.trace, facts));
    const list = (entries, render) => entries.length ? el("div", {className: "items"}, entries.map(render)) :
      el("p", {className: "empty", text: T.no_items});
    // each section folds (all open while printing); only the warnings start open
    const section = (title, entries, render = item, open = false) => el("details", {className: "advice-section", open},
      el("summary", {}, el("h3", {text: `${title} (${entries.length})`})), list(entries, render));
    const warning = (entry) => el("article", {className: `item warning severity-${entry.severity}`},
      el("h4", {}, el("span", {className: "badge", text: T[`severity_${entry.severity}`]}), " ", entry.title),
      el("p", {text: entry.text}), why(entry, advice.trace, facts));
    const example = (entry) => el("article", {className: "item example"},
      el("h4", {text: entry.title}), el("p", {text: entry.text}),
      el("p", {className: "lesson"}, el("strong", {text: T.lesson}), " ", entry.lesson),
      why(entry, advice.trace, facts));
    const figures = el("div", {className: "pictures"}, PICTURES.map((name) =>
      el("figure", {}, svg(advice.pictures[name]), el("figcaption", {text: caption(name, advice)}))));
    $("advice").replaceChildren(
      el("section", {className: "advice-section"}, el("h3", {text: T.verdicts}), figures),
      advice.warnings.length ? section(T.warnings, advice.warnings, warning, true) : "",
      ...ITEM_SECTIONS.map((name) => section(T[name], advice[name].items)),
      section(T.dos, advice.dos), section(T.donts, advice.donts),
      section(T.examples, advice.examples, example));
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

  /** The situation as a list, shown in the print view. */
  function renderSituation() {
    const facts = state.vocab.facts;
    const rows = [...state.answers].filter(([id]) => facts.has(id)).map(([id, value]) =>
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
        if (!first.sources.some((known) => RW.sourceText(known) === RW.sourceText(source))) first.sources.push(source);
      }
    }
    return [...byChanges.values()];
  }

  async function whatIf(request) {
    const panel = $("what-if");
    const {status, body} = await api("/api/v1/what-if", {situation: situation(), lang});
    if (request !== state.request) return;
    if (status !== 200 || !body) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    $("levers").replaceChildren(...sameChangesOnce(body.levers || []).map((lever) => el("li", {},
      el("p", {text: lever.text}),
      el("p", {className: "source", text: lever.sources.map(RW.sourceText).join("; ")}),
      el("button", {type: "button", className: "secondary", onclick: () => {
        for (const change of lever.changes || []) state.answers.set(change.fact, change.value);
        refresh(true);
      }}, T.try_this))));
    const branches = body.branches || [];
    $("branches").replaceChildren(...(branches.length ? [el("h4", {text: T.branches}),
      el("ul", {}, branches.map((branch) => el("li", {text: branch.text})))] : []));
  }

  // ---- start -----------------------------------------------------------------------------------

  async function start() {
    state.vocab = await RW.vocabulary();
    state.answers = readAnswers();
    $("restart").addEventListener("click", () => {
      state.answers = new Map();
      state.editing = null;
      state.more = false;
      refresh(true);
    });
    $("print").addEventListener("click", () => window.print());
    window.addEventListener("hashchange", () => {
      state.answers = readAnswers();
      refresh(false);
    });
    refresh(false);
  }

  start();
})();
