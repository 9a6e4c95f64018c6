/* Training mode (/training and /training/<case>): predict the five verdicts of a practice case's training
   situation (or that the situation does not settle one yet), then compare with Regiewijzer's answer and read
   why each answer is what it is, with its rules and sources.
   Inside a SCORM package the page carries its case, vocabulary and advice in a JSON block (#baked-case) and
   calls no server; the completed comparison is announced to the framing page (postMessage) and, as a DOM event
   "regiewijzer:training-complete" on document, to whatever reports it further (the package's sco.js). */
"use strict";

(() => {
  const {T, t, lang, el, api, answersOf, answerText, label, sourceText, tellParent} = RW;
  const root = document.getElementById("training");
  const PREDICTED = ["role", "stage", "scope", "focus", "scenario"];
  const bakedBlock = document.getElementById("baked-case");
  const baked = bakedBlock ? JSON.parse(bakedBlock.textContent) : null;

  function caseUrl(id) {
    const params = new URLSearchParams({lang});
    if (root.dataset.embedded) params.set("embed", "1");
    return `/training/${encodeURIComponent(id)}?${params}`;
  }

  async function cases() {
    if (baked) return [baked.case];
    const {body} = await api(`/api/v1/knowledge?kind=example&lang=${lang}`);
    return body.items;
  }

  async function adviceFor(item) {
    if (baked) {
      RW.rememberSources(baked.advice);
      return baked.advice;
    }
    const {body} = await api("/api/v1/advice", {situation: item.training_situation, lang});
    return body;
  }

  // ---- answers: a verdict's value as one comparable key ---------------------------------------------------

  /** The value that means "not settled": the field's undecided value, or no value at all for a list field. */
  function open(verdict) {
    return verdict.many ? [] : verdict.undecided;
  }

  /** One string per answer, so that a prediction and the advice compare by equality (lists in a fixed order). */
  function key(verdict, value) {
    if (verdict.many) {
      const order = verdict.values.map((v) => v.id);
      return JSON.stringify([...value].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
    return JSON.stringify(value);
  }

  /** The answers a trainee can give for a verdict: each decided value (each combination, for a list field) and
      "kan (nog) niet bepaald worden" last. */
  function options(verdict) {
    const decided = verdict.values.filter((v) => v.id !== verdict.undecided);
    let values = decided.map((v) => v.id);
    if (verdict.many) {
      values = decided.reduce((subsets, v) => [...subsets, ...subsets.map((s) => [...s, v.id])], [[]])
        .filter((s) => s.length).sort((a, b) => a.length - b.length);
    }
    return [...values, open(verdict)].map((value) => ({key: key(verdict, value), label: shown(verdict, value)}));
  }

  /** An answer in words: the value's label, labels joined ("Beleidsinhoudelijk en procesmatig"), or "cannot tell". */
  function shown(verdict, value) {
    if (key(verdict, value) === key(verdict, open(verdict))) return T.cannot_tell;
    const labels = (verdict.many ? value : [value]).map((v) => label(verdict.values, v));
    return labels.map((text, i) => (i ? text.toLowerCase() : text)).join(T.list_and);
  }

  function actual(advice) {
    return {role: advice.role.verdict, stage: advice.coordination.stage, scope: advice.strategy.scope,
            focus: advice.strategy.focus, scenario: advice.procedure.scenario};
  }

  // ---- the library -----------------------------------------------------------------------------

  function renderLibrary(items, vocab) {
    root.replaceChildren(el("h2", {text: T.cases}), el("ul", {className: "cases"}, items.map((item) =>
      el("li", {className: "case-card"},
        el("h3", {}, el("a", {href: caseUrl(item.id), text: item.title})),
        el("p", {className: "story", text: item.text}),
        el("p", {className: "teaches", text: t("case_teaches", {fields: PREDICTED.filter((f) => f in item.teaches)
          .map((f) => vocab.verdicts.get(f).label).join(", ")})}),
        el("p", {className: "source", text: sourceText(item.source)})))));
  }

  // ---- one case --------------------------------------------------------------------------------

  /** The questions `ids` (facts, or per-domain facts "domains.<domain>.<fact>") with their answers. */
  function factList(ids, answers, questions) {
    return el("dl", {className: "situation"}, ids.map((id) => el("div", {},
      el("dt", {text: questions.get(id).question}),
      el("dd", {text: answerText(questions.get(id), answers.get(id))}))));
  }

  function renderCase(item, vocab) {
    const answers = answersOf(item.training_situation), story = answersOf(item.situation);
    const told = [...answers.keys()].filter((id) => story.has(id));
    const assumed = [...answers.keys()].filter((id) => !story.has(id));
    const form = el("form", {className: "prediction"},
      el("h3", {text: T.your_prediction}),
      el("p", {className: "hint", text: T.prediction_hint}),
      el("div", {className: "choice-grid"}, PREDICTED.map((field) => choices(vocab.verdicts.get(field)))),
      el("button", {type: "submit"}, T.predict));
    let result = null;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const prediction = readPrediction(form);
      const advice = await adviceFor(item);
      if (!result) {          // the result region exists only once there is a result (no empty labelled region)
        result = el("section", {id: "result", className: "result", "aria-labelledby": "result-title"});
        form.after(result);
      }
      renderResult(result, item, prediction, advice, vocab);
    });
    const sources = [item.source, ...item.see_also];
    root.replaceChildren(
      baked ? "" : el("p", {}, el("a", {href: `/training?${new URLSearchParams({lang, ...(root.dataset.embedded ?
        {embed: "1"} : {})})}`, text: `← ${T.all_cases}`})),
      el("article", {className: "case"},
        el("h2", {text: item.title}),
        el("p", {text: item.text}),
        el("p", {className: "source", text: sourceText(item.source)}),
        sources.length > 1 ? el("p", {className: "source", text: `${T.also_told} ` +
          sources.slice(1).map(sourceText).join("; ")}) : null,
        el("section", {className: "known", "aria-labelledby": "known-title"},
          el("h3", {id: "known-title", text: T.case_situation}),
          el("h4", {text: T.story_facts}), factList(told, answers, vocab.questions),
          item.assumptions || assumed.length ? el("aside", {className: "assumptions",
                                                            "aria-labelledby": "assumptions-title"},
            el("h4", {id: "assumptions-title", text: T.assumptions_title}),
            item.assumptions ? el("p", {text: item.assumptions}) : null,
            assumed.length ? el("h5", {text: T.assumed_facts}) : null,
            assumed.length ? factList(assumed, answers, vocab.questions) : null) : null)),
      form);
  }

  /** A fieldset of radio buttons: one answer per verdict. */
  function choices(verdict) {
    return el("fieldset", {className: "choices"},
      el("legend", {text: verdict.label}),
      options(verdict).map((option, index) => el("label", {},
        el("input", {type: "radio", name: verdict.field, value: option.key, required: index === 0}),
        " ", option.label)));
  }

  function readPrediction(form) {
    const prediction = {};
    for (const field of PREDICTED) {
      prediction[field] = JSON.parse(form.querySelector(`input[name="${field}"]:checked`).value);
    }
    return prediction;
  }

  function renderResult(result, item, prediction, advice, vocab) {
    const answer = actual(advice);
    const matches = {};
    for (const field of PREDICTED) {
      const verdict = vocab.verdicts.get(field);
      matches[field] = key(verdict, prediction[field]) === key(verdict, answer[field]);
    }
    const score = PREDICTED.filter((field) => matches[field]).length;
    const rows = PREDICTED.map((field) => {
      const verdict = vocab.verdicts.get(field);
      return el("tr", {className: matches[field] ? "same" : "different"},
        el("th", {scope: "row", text: verdict.label}),
        el("td", {"data-label": T.prediction},
           el("span", {className: "prediction-text", text: shown(verdict, prediction[field])}),
           el("span", {className: "match", text: matches[field] ? `✓ ${T.same}` : `✗ ${T.different}`})),
        el("td", {"data-label": T.regiewijzer, text: shown(verdict, answer[field])}));
    });
    const explanations = PREDICTED.map((field) => {
      const verdict = vocab.verdicts.get(field);
      return el("section", {className: `reason ${matches[field] ? "same" : "different"}`},
        el("h4", {text: verdict.label}),
        el("p", {className: "verdict-check", text: matches[field] ? T.explained_same :
          t("explained_different", {prediction: shown(verdict, prediction[field])})}),
        reasonsFor(field, verdict, answer[field], advice, vocab));
    });
    result.replaceChildren(
      el("h3", {id: "result-title", tabindex: "-1", text: T.result}),
      el("p", {className: "score", id: "score"}, el("strong", {text: t("score", {score, total: PREDICTED.length})})),
      el("table", {},
        el("thead", {}, el("tr", {}, [T.field, T.prediction, T.regiewijzer].map((h) =>
          el("th", {scope: "col", text: h})))),
        el("tbody", {}, rows)),
      el("h3", {text: T.explanations}), ...explanations,
      el("p", {className: "lesson"}, el("strong", {text: T.lesson}), " ", item.lesson));
    const title = document.getElementById("result-title");
    title.focus({preventScroll: true});
    title.scrollIntoView({block: "start"});          // the result from its top, not its title at the window's foot
    const message = {type: "regiewijzer:training-complete", case: item.id, matches, score,
                     max_score: PREDICTED.length, knowledge_version: advice.knowledge_version};
    tellParent(message);
    document.dispatchEvent(new CustomEvent("regiewijzer:training-complete", {detail: {version: 1, ...message}}));
  }

  /** Why the advice gives this answer: the rules in the trace that concluded it, with the answers they used and
      their sources; for an open verdict, the unknown facts whose answer could settle it (and the source saying
      what settles it). */
  function reasonsFor(field, verdict, value, advice, vocab) {
    const decided = key(verdict, value) !== key(verdict, open(verdict));
    if (decided) {
      const steps = advice.trace.filter((step) =>
        field in (step.concludes.set || {}) || field in (step.concludes.add || {}));
      return el("div", {},
        el("p", {text: t("reason_decided", {value: shown(verdict, value)})}),
        el("ul", {className: "steps"}, steps.map((step) => el("li", {}, ruleStep(step, vocab.facts)))));
    }
    const would = advice.question_details.filter((q) => q.could_change.includes(field))
      .map((q) => vocab.questions.get(q.fact).question);
    const otherwise = advice.trace.find((step) => step.otherwise === field);
    return el("div", {},
      el("p", {text: T.reason_none}),
      el("p", {text: would.length ? T.reason_would : T.reason_no_question}),
      would.length ? el("ul", {className: "would-decide"}, would.map((q) => el("li", {text: q}))) : null,
      otherwise ? el("p", {className: "source", text: `${T.why_source}: ${sourceText(otherwise.source)}`}) : null);
  }

  /** One rule that decided a verdict: its id, the answers it looked at (or the conclusions it builds on) and its
      source. */
  function ruleStep(step, facts) {
    const answers = Object.entries(step.matched)      // the answers given first, then the facts left unanswered
      .sort(([, a], [, b]) => (a === null) - (b === null));
    const domains = step.domains ? ` ${t("reason_for_domains", {domains: step.domains.map((d) =>
      label(facts.get("policy_domains").values, d)).join(", ")})}` : "";
    const without = step.mixed ? T.reason_mixed : T.why_no_answers;
    return [
      el("p", {}, T.reason_rule, " ", el("code", {text: step.rule}), domains,
         answers.length ? ` ${T.reason_because}` : step.requires.length ? "." : ` (${without})`),
      answers.length ? el("ul", {}, answers.map(([id, answer]) => el("li", {},
        el("span", {className: "fact-question", text: facts.get(id).question}), " ",
        el("strong", {text: answer === null ? T.unknown_in_case : answerText(facts.get(id), answer)})))) : null,
      step.requires.length ? el("p", {}, T.reason_requires, " ",
        step.requires.map((name, i) => [i ? ", " : "", el("code", {text: name})])) : null,
      el("p", {className: "source", text: `${T.why_source}: ${sourceText(step.source)}`})];
  }

  async function start() {
    const [items, vocab] = await Promise.all([cases(), RW.vocabulary(baked && baked.facts)]);
    const id = root.dataset.case;
    if (id) renderCase(items.find((item) => item.id === id), vocab);
    else renderLibrary(items, vocab);
  }

  start();
})();
