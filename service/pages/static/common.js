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

  /** Call the JSON API; resolves to {status, body}. */
  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)};
    const response = await fetch(path, options);
    const data = response.headers.get("Content-Type") === "application/json" ? await response.json() : null;
    return {status: response.status, body: data};
  }

  /** The fact vocabulary and verdict fields in the page's language (from `given`, a /api/v1/facts answer, if any). */
  async function vocabulary(given) {
    const body = given || (await api(`/api/v1/facts?lang=${lang}`)).body;
    const facts = new Map(body.facts.map((fact) => [fact.id, fact]));
    const verdicts = new Map(body.verdicts.map((verdict) => [verdict.field, verdict]));
    return {facts, verdicts, groups: body.groups, version: body.knowledge_version};
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

  /** "Document title, § 3.1.4 Procedure" */
  function sourceText(source) {
    const section = [T.section_short + " " + source.section, source.section_title].filter(Boolean).join(" ");
    return `${source.document_title}, ${section}` + (source.box ? ` (${source.box})` : "");
  }

  /** The answers the trace steps of these rules looked at, as fact id -> value. */
  function answersUsed(trace, rules) {
    const used = new Map();
    for (const step of trace) {
      if (!rules.includes(step.rule)) continue;
      for (const [fact, value] of Object.entries(step.matched)) used.set(fact, value);
    }
    return used;
  }

  /** A "Why?" disclosure: the rules that selected something, the answers they used and its source. */
  function why(entry, trace, facts) {
    const used = answersUsed(trace, entry.rules || []);
    const answers = used.size === 0 ? el("p", {text: T.why_no_answers}) :
      el("ul", {}, [...used].map(([id, value]) => el("li", {},
        el("span", {className: "fact-question", text: facts.has(id) ? facts.get(id).question : id}), " ",
        el("strong", {text: facts.has(id) ? answerText(facts.get(id), value) : String(value)}))));
    return el("details", {className: "why"},
      el("summary", {text: T.why}),
      el("h5", {text: T.why_rules}),
      el("ul", {className: "rules"}, (entry.rules || []).map((rule) => el("li", {}, el("code", {text: rule})))),
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
  return {T, t, lang, embedded, el, api, vocabulary, answerText, label, sourceText, why, svg, tellParent};
})();
