/* Training mode (/training and /training/<case>): predict the verdicts of a practice case, then
   compare with Regiewijzer's answer and read the reasons for every difference. */
"use strict";

(() => {
  const {T, t, lang, el, api, answerText, label, sourceText, tellParent} = RW;
  const root = document.getElementById("training");
  const PREDICTED = ["role", "stage", "scope", "focus", "scenario"];
  const NONE = "";

  function caseUrl(id) {
    const params = new URLSearchParams({lang});
    if (root.dataset.embedded) params.set("embed", "1");
    return `/training/${encodeURIComponent(id)}?${params}`;
  }

  async function cases() {
    const {body} = await api(`/api/v1/knowledge?kind=example&lang=${lang}`);
    return body.items;
  }

  // ---- the library -----------------------------------------------------------------------------

  function renderLibrary(items) {
    root.replaceChildren(el("h2", {text: T.cases}), el("ul", {className: "cases"}, items.map((item) =>
      el("li", {className: "case-card"},
        el("h3", {}, el("a", {href: caseUrl(item.id), text: item.title})),
        el("p", {className: "story", text: item.text}),
        el("p", {className: "source", text: sourceText(item.source)})))));
  }

  // ---- one case --------------------------------------------------------------------------------

  function renderCase(item, vocab) {
    const facts = vocab.facts;
    const situation = Object.entries(item.situation).map(([id, value]) =>
      [el("dt", {text: facts.get(id).question}), el("dd", {text: answerText(facts.get(id), value)})]);
    const form = el("form", {className: "prediction"},
      el("h3", {text: T.your_prediction}),
      el("div", {className: "choice-grid"}, PREDICTED.map((field) => choices(vocab.verdicts.get(field)))),
      el("button", {type: "submit"}, T.predict));
    const result = el("section", {id: "result", className: "result", "aria-labelledby": "result-title"});
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const prediction = readPrediction(form, vocab);
      const {body} = await api("/api/v1/advice", {situation: item.situation, lang});
      renderResult(result, item, prediction, body, vocab);
    });
    root.replaceChildren(
      el("p", {}, el("a", {href: `/training?${new URLSearchParams({lang, ...(root.dataset.embedded ? {embed: "1"} : {})})}`,
                           text: `← ${T.all_cases}`})),
      el("article", {className: "case"},
        el("h2", {text: item.title}),
        el("p", {text: item.text}),
        el("p", {className: "source", text: sourceText(item.source)}),
        el("h3", {text: T.case_situation}), el("dl", {className: "situation"}, situation)),
      form, result);
  }

  /** A fieldset of radio buttons (checkboxes for a verdict that can hold several values). */
  function choices(verdict) {
    const many = verdict.many;
    const options = verdict.values.map((v) => ({id: String(v.id), label: v.label}));
    if (!many && verdict.undecided === null) options.push({id: NONE, label: T.no_choice});
    return el("fieldset", {className: "choices"},
      el("legend", {text: verdict.label}),
      options.map((option, index) => el("label", {},
        el("input", {type: many ? "checkbox" : "radio", name: verdict.field, value: option.id,
                     required: !many && index === 0 ? true : null}),
        " ", option.label)));
  }

  function readPrediction(form, vocab) {
    const prediction = {};
    for (const field of PREDICTED) {
      const verdict = vocab.verdicts.get(field);
      const picked = [...form.querySelectorAll(`input[name="${field}"]:checked`)].map((input) => input.value);
      prediction[field] = verdict.many ? picked : picked.length ? picked[0] : NONE;
    }
    return prediction;
  }

  function actual(advice) {
    return {role: advice.role.verdict, stage: advice.coordination.stage, scope: advice.strategy.scope,
            focus: advice.strategy.focus, scenario: advice.procedure.scenario};
  }

  function same(predicted, value) {
    if (Array.isArray(value)) return [...predicted].sort().join() === [...value].map(String).sort().join();
    return predicted === (value === null ? NONE : String(value));
  }

  function shown(verdict, value) {
    const values = Array.isArray(value) ? value : [value];
    const labels = values.filter((v) => v !== null && v !== NONE)
      .map((v) => label(verdict.values.map((x) => ({id: String(x.id), label: x.label})), String(v)));
    return labels.join(", ") || T.no_choice;
  }

  function renderResult(result, item, prediction, advice, vocab) {
    const answer = actual(advice);
    const matches = {};
    const rows = PREDICTED.map((field) => {
      const verdict = vocab.verdicts.get(field);
      matches[field] = same(prediction[field], answer[field]);
      return el("tr", {className: matches[field] ? "same" : "different"},
        el("th", {scope: "row", text: verdict.label}),
        el("td", {text: shown(verdict, prediction[field])}),
        el("td", {text: shown(verdict, answer[field])}),
        el("td", {text: matches[field] ? `✓ ${T.same}` : `✗ ${T.different}`}));
    });
    const reasons = PREDICTED.filter((field) => !matches[field]).map((field) =>
      el("section", {className: "reason"}, el("h4", {text: vocab.verdicts.get(field).label}),
        reasonsFor(field, advice, vocab)));
    result.replaceChildren(
      el("h3", {id: "result-title", tabindex: "-1", text: T.result}),
      el("table", {},
        el("thead", {}, el("tr", {}, [T.field, T.prediction, T.regiewijzer, T.match].map((h) =>
          el("th", {scope: "col", text: h})))),
        el("tbody", {}, rows)),
      ...(reasons.length ? [el("h3", {text: T.reasons}), ...reasons] : []),
      el("p", {className: "lesson"}, el("strong", {text: T.lesson}), " ", item.lesson));
    document.getElementById("result-title").focus();
    tellParent({type: "regiewijzer:training-complete", case: item.id, matches,
                knowledge_version: advice.knowledge_version});
  }

  /** The rules in the trace that concluded this verdict, with their answers and sources; or what would. */
  function reasonsFor(field, advice, vocab) {
    const steps = advice.trace.filter((step) =>
      field in (step.concludes.set || {}) || field in (step.concludes.add || {}));
    if (steps.length) {
      return el("ul", {}, steps.map((step) => el("li", {},
        el("p", {text: t("reason_rule", {rule: step.rule})}),
        openWhy({rules: [step.rule], source: step.source}, advice.trace, vocab.facts))));
    }
    const would = advice.question_details.filter((q) => q.could_change.includes(field))
      .map((q) => vocab.facts.get(q.fact).question);
    return el("div", {}, el("p", {text: T.reason_none}),
      would.length ? el("p", {text: T.reason_would}) : null,
      would.length ? el("ul", {}, would.map((q) => el("li", {text: q}))) : null);
  }

  function openWhy(entry, trace, facts) {
    const details = RW.why(entry, trace, facts);
    details.open = true;
    return details;
  }

  async function start() {
    const [items, vocab] = await Promise.all([cases(), RW.vocabulary()]);
    const id = root.dataset.case;
    if (id) renderCase(items.find((item) => item.id === id), vocab);
    else renderLibrary(items);
  }

  start();
})();
