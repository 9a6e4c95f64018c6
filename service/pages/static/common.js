/* Regiewijzer pages: helpers shared by the conversation and the training mode.
   Every text from the API or the user is put in the page with textContent, never as HTML. */
"use strict";

const RW = (() => {
  const T = JSON.parse(document.getElementById("texts").textContent);
  const lang = document.body.dataset.lang;
  const embedded = document.body.classList.contains("embedded");

  /** A text of the interface with {placeholders} filled in. */
  function t(key, vars) {
    return String(T[key]).replace(/\{(\w+)\}/g, (_, name) => String(vars[name]));
  }

  /** A DOM element with attributes (className, text, on<event>, other attributes) and children. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "className") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /** The sources a focused advice gave by key ("001 §2.1" -> {document_title, section, section_title, box}). */
  const knownSources = {};

  /** Call the JSON API; resolves to {status, body}. */
  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)};
    const response = await fetch(path, options);
    const data = response.headers.get("Content-Type") === "application/json" ? await response.json() : null;
    rememberSources(data);
    return {status: response.status, body: data};
  }

  /** Keep the sources a focused advice gives by key (from the API, or baked into a SCORM package). */
  function rememberSources(advice) {
    if (advice && advice.sources) Object.assign(knownSources, advice.sources);
  }

  /** The fact vocabulary and verdict fields in the page's language (from `given`, a /api/v1/facts answer, if any). */
  async function vocabulary(given) {
    const body = given || (await api(`/api/v1/facts?lang=${lang}`)).body;
    const facts = new Map(body.facts.map((fact) => [fact.id, fact]));
    const verdicts = new Map(body.verdicts.map((verdict) => [verdict.field, verdict]));
    // every question the advice can ask: the facts, and a per-domain fact for one policy domain
    // ("domains.<domain>.<fact>", its question naming the domain)
    const questions = new Map(facts);
    const domains = facts.get("policy_domains");
    for (const fact of body.facts.filter((f) => f.per_domain && domains)) {
      for (const domain of domains.values) {
        const id = `domains.${domain.id}.${fact.id}`;
        questions.set(id, {...fact, id, question: `${fact.question} (${domain.label})`, domain: domain.id,
                           domain_fact: fact.id});
      }
    }
    return {facts, questions, verdicts, groups: body.groups, stages: body.question_order,
            version: body.knowledge_version};
  }

  /** The answers of a situation by question id: a per-domain answer (situation.domains) under
      "domains.<domain>.<fact>", as the advice asks it. */
  function answersOf(situation) {
    const out = new Map();
    for (const [id, value] of Object.entries(situation || {})) {
      if (id !== "domains") { out.set(id, value); continue; }
      for (const [domain, own] of Object.entries(value || {})) {
        for (const [fact, answer] of Object.entries(own || {})) out.set(`domains.${domain}.${fact}`, answer);
      }
    }
    return out;
  }

  /** How an answer reads: the value's label, yes/no, the number or text, or "don't know". */
  function answerText(fact, value) {
    if (value === null || value === undefined) return T.unknown_answer;
    if (value === true) return T.answer_yes;
    if (value === false) return T.answer_no;
    if (fact.type === "enum") return label(fact.values, value);
    if (fact.type === "list" && Array.isArray(value)) return value.map((v) => label(fact.values, v)).join(", ");
    return String(value);
  }

  function label(values, id) {
    const found = values.find((v) => v.id === id);
    return found ? found.label : String(id);
  }

  /** "Leidraad regie (VVSG), § 3.1.4 Procedure" (a numbered section), "Zeven tips (Lokaal), Tip 5: …" (a named
      one), with the document's short name; a source
      given by key (a focused advice) is looked up in the sources the advice gave. */
  function sourceText(given) {
    const source = typeof given === "string" ? knownSources[given] : given;
    if (!source) return String(given);
    const numbered = /^\d/.test(source.section);
    const section = numbered ? `${T.section_short} ${source.section} ${source.section_title}` : source.section_title;
    return `${source.document_short || source.document_title}, ${section}` + (source.box ? ` (${source.box})` : "");
  }

  /** The answers that led to the conclusions of these rules, as question id -> value: the facts their tests held
      on (an answer given for one policy domain as "domains.<domain>.<fact>", when `questions` asks it so), those
      of the rules that derived what they required, all the way back, and for a mixed rule those of the domains'
      own rules that set its verdict field. */
  function answersUsed(trace, rules, questions) {
    const used = new Map();
    const todo = [...rules];
    const seen = new Set();
    while (todo.length) {
      const rule = todo.pop();
      if (seen.has(rule)) continue;
      seen.add(rule);
      for (const step of trace.filter((s) => s.rule === rule)) {
        for (const [fact, value] of Object.entries(step.matched)) {
          for (const domain of step.domains || [null]) {
            const id = domain && questions.has(`domains.${domain}.${fact}`) ? `domains.${domain}.${fact}` : fact;
            used.set(id, value);
          }
        }
        for (const name of step.requires) {
          todo.push(...trace.filter((s) => (s.concludes.derive || []).includes(name)).map((s) => s.rule));
        }
        if (step.mixed) {
          todo.push(...trace.filter((s) => s.domains && step.mixed in (s.concludes.set || {})).map((s) => s.rule));
        }
      }
    }
    return used;
  }

  /** A "Why?" disclosure: the answers that led to something and the passage of the guidance it rests on (the
      rules themselves are in the reasoning at the end of the advice). */
  function why(entry, trace, facts) {
    const used = answersUsed(trace, entry.rules || [], facts);
    const answers = used.size === 0 ? el("p", {text: T.why_no_answers}) :
      el("ul", {}, [...used].map(([id, value]) => el("li", {},
        el("span", {className: "fact-question", text: facts.has(id) ? facts.get(id).question : id}), " ",
        el("strong", {text: facts.has(id) ? answerText(facts.get(id), value) : String(value)}))));
    return el("details", {className: "why"},
      el("summary", {text: T.why}),
      el("h5", {text: T.why_answers}), answers,
      el("h5", {text: T.why_source}), el("p", {className: "source", text: sourceText(entry.source)}));
  }

  /** Project-made SVG markup (escaped by the server) as a DOM node, parsed as XML, not as HTML. */
  function svg(markup) {
    const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
    return document.importNode(doc.documentElement, true);
  }

  /** The origin of the page that frames this one, or null when not framed. */
  function parentOrigin() {
    if (window.parent === window) return null;
    if (location.ancestorOrigins && location.ancestorOrigins.length) return location.ancestorOrigins[0];
    return document.referrer ? new URL(document.referrer).origin : null;
  }

  /** Send a message to the framing page (only to its own origin). */
  function tellParent(message) {
    const origin = parentOrigin();
    if (origin) window.parent.postMessage({version: 1, ...message}, origin);
  }

  /** When framed, tell the parent how tall the page is so embed.js can size the iframe. */
  function reportHeight() {
    if (!parentOrigin()) return;
    let last = 0;
    new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height !== last) {
        last = height;
        tellParent({type: "regiewijzer:resize", height});
      }
    }).observe(document.body);
  }

  /** Remember the language; a page opened without ?lang= follows the remembered one. */
  function rememberLanguage() {
    const params = new URLSearchParams(location.search);
    if (embedded) return;
    if (params.has("lang")) {
      localStorage.setItem("regiewijzer.lang", lang);
    } else {
      const remembered = localStorage.getItem("regiewijzer.lang");
      if (remembered && remembered !== lang) {
        params.set("lang", remembered);
        location.replace(`${location.pathname}?${params}${location.hash}`);
      }
    }
    for (const link of document.querySelectorAll("[data-lang-switch]")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        params.set("lang", link.dataset.langSwitch);
        localStorage.setItem("regiewijzer.lang", link.dataset.langSwitch);
        location.assign(`${location.pathname}?${params}${location.hash}`);
      });
    }
  }

  /** Open every "Why?" while printing, so the printout carries the reasons. */
  function openDetailsForPrint() {
    let opened = [];
    window.addEventListener("beforeprint", () => {
      opened = [...document.querySelectorAll("details:not([open])")];
      opened.forEach((d) => { d.open = true; });
    });
    window.addEventListener("afterprint", () => opened.forEach((d) => { d.open = false; }));
  }

  /** The skip link moves focus without touching the URL fragment (the conversation keeps its answers there). */
  function skipLink() {
    document.querySelector(".skip-link").addEventListener("click", (event) => {
      event.preventDefault();
      document.getElementById("main").focus();
    });
  }

  skipLink();
  rememberLanguage();
  tellParent({type: "regiewijzer:ready"});      // embed.js: the framed page runs (framing was not refused)
  reportHeight();
  openDetailsForPrint();
  return {T, t, lang, embedded, el, api, vocabulary, answersOf, answerText, label, sourceText, rememberSources, why,
          svg, tellParent};
})();
