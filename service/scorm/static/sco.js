/* Regiewijzer in a SCORM 1.2 package: reports the trainee's result through the LMS's API.
   Finds the API (window.API in a parent frame, or the opener's), calls LMSInitialize when the page opens and marks
   the lesson incomplete; on the first "regiewijzer:training-complete" (training.js) it sets cmi.core.score.raw
   (matches of five, scaled to 0-100), cmi.core.lesson_status (passed/failed against the LMS's mastery score if it
   gives one, else completed) and the session time, then LMSCommit and LMSFinish. Leaving the page before that
   still ends the session. Without an LMS the case works as on the site and says the score is not kept. */
"use strict";

(() => {
  const {T, t} = RW;
  const MAX_HOPS = 7;
  const status = document.getElementById("lms-status");
  const startedAt = Date.now();
  let api = null;
  let initialized = false;
  let finished = false;

  /** The SCORM 1.2 API object of the nearest window up the chain of parents that has one. */
  function findIn(win) {
    for (let hops = 0; win && hops <= MAX_HOPS; hops += 1) {
      try {
        if (win.API) return win.API;
      } catch (error) {
        return null;                      // a window of another origin: it cannot hold the API for this page
      }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    return findIn(window) || (window.opener ? findIn(window.opener) : null) ||
      (window.top && window.top.opener ? findIn(window.top.opener) : null);
  }

  function call(name, ...args) {
    try {
      return String(api[name](...args)) === "true";
    } catch (error) {
      return false;
    }
  }

  function set(element, value) {
    return call("LMSSetValue", element, String(value));
  }

  function errorCode() {
    try {
      return String(api.LMSGetLastError());
    } catch (error) {
      return "?";
    }
  }

  /** CMITimespan (HHHH:MM:SS.SS) of the time since the page opened. */
  function sessionTime() {
    const cs = Math.round((Date.now() - startedAt) / 10);
    const two = (n) => String(n).padStart(2, "0");
    return `${two(Math.min(Math.floor(cs / 360000), 9999))}:${two(Math.floor(cs / 6000) % 60)}:` +
      `${two(Math.floor(cs / 100) % 60)}.${two(cs % 100)}`;
  }

  function finish() {
    if (!initialized || finished) return;
    finished = true;
    set("cmi.core.session_time", sessionTime());
    call("LMSCommit", "");
    call("LMSFinish", "");
  }

  function start() {
    api = findAPI();
    initialized = api !== null && call("LMSInitialize", "");
    if (!initialized) {
      status.textContent = api ? t("lms_failed", {code: errorCode()}) : T.lms_none;
      return;
    }
    if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") set("cmi.core.lesson_status", "incomplete");
  }

  /** passed/failed against the mastery score the LMS gives (cmi.student_data.mastery_score), else completed. */
  function lessonStatus(score) {
    const mastery = api.LMSGetValue("cmi.student_data.mastery_score");
    if (mastery === "" || Number.isNaN(Number(mastery))) return "completed";
    return score >= Number(mastery) ? "passed" : "failed";
  }

  document.addEventListener("regiewijzer:training-complete", (event) => {
    if (!initialized) return;
    if (finished) {
      document.getElementById("score").after(status);
      status.textContent = T.lms_once;
      return;
    }
    const {score, max_score: total} = event.detail;
    const raw = Math.round((100 * score) / total);
    const saved = set("cmi.core.score.min", 0) && set("cmi.core.score.max", 100) &&
      set("cmi.core.score.raw", raw) && set("cmi.core.lesson_status", lessonStatus(raw));
    const code = errorCode();
    finish();
    document.getElementById("score").after(status);     // said where the score is shown
    status.textContent = saved ? t("lms_saved", {score, total}) : t("lms_failed", {code});
  });

  window.addEventListener("pagehide", finish);
  start();
})();
