/* Regiewijzer embed: <script src="https://regiewijzer.example/embed.js" data-lang="nl"
   data-case="case_id" data-answers="fact=value&fact2=value" async></script>
   inserts the conversation (or, with data-case, one training case) in an iframe where the tag stands.
   The iframe says "regiewijzer:ready" when its page runs, reports its height ("regiewijzer:resize") and, when
   the advice is complete, "regiewijzer:advice-complete"; the other messages are re-dispatched on the iframe as
   DOM events. When the frame has not said it is ready within READY_TIMEOUT_MS (framing refused, the server
   unreachable), a notice in the page's language takes the place of the empty frame.
   Served as a template: TEXTS holds the words of texts/*.yaml. */
(function () {
  "use strict";
  var TEXTS = {{ texts | tojson }};
  var READY_TIMEOUT_MS = 5000;
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var lang = script.dataset.lang === "en" ? "en" : "nl";
  var words = TEXTS[lang];
  var path = script.dataset.case ? "/training/" + encodeURIComponent(script.dataset.case) : "/embed";
  var query = "?lang=" + lang + (script.dataset.case ? "&embed=1" : "");
  var hash = !script.dataset.case && script.dataset.answers ? "#" + script.dataset.answers : "";
  var frame = document.createElement("iframe");
  frame.src = origin + path + query + hash;
  frame.title = script.dataset.title || "Regiewijzer";
  frame.width = "100%";
  frame.height = "640";
  frame.style.border = "0";
  frame.style.maxWidth = "100%";
  script.parentNode.insertBefore(frame, script.nextSibling);

  var ready = false;
  var notice = null;
  var timer = setTimeout(showNotice, READY_TIMEOUT_MS);

  /** Say plainly that Regiewijzer cannot be shown here, with a link to open it in its own window. */
  function showNotice() {
    if (ready || notice) return;
    notice = document.createElement("div");
    notice.className = "regiewijzer-unavailable";
    notice.setAttribute("role", "status");
    notice.lang = lang;
    notice.style.border = "2px solid #8a1c1c";
    notice.style.borderRadius = "6px";
    notice.style.padding = ".5rem 1rem";
    notice.style.background = "#fff";
    notice.style.color = "#1a1a1a";
    var text = document.createElement("p");
    text.textContent = words.unavailable;
    var link = document.createElement("a");
    link.href = origin + (script.dataset.case ? path + "?lang=" + lang : "/?lang=" + lang + hash);
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = words.open;
    var linkLine = document.createElement("p");
    linkLine.appendChild(link);
    var admin = document.createElement("p");
    admin.textContent = words.admin;
    admin.style.fontSize = ".9em";
    notice.appendChild(text);
    notice.appendChild(linkLine);
    notice.appendChild(admin);
    frame.style.display = "none";
    frame.parentNode.insertBefore(notice, frame);
  }

  function becomeReady() {
    ready = true;
    clearTimeout(timer);
    if (notice) {
      notice.parentNode.removeChild(notice);
      notice = null;
      frame.style.display = "";
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (typeof data.type !== "string" || data.type.indexOf("regiewijzer:") !== 0) return;
    if (!ready) becomeReady();
    if (data.type === "regiewijzer:resize" && typeof data.height === "number") {
      frame.height = String(Math.max(200, Math.min(data.height, 100000)));
    } else if (data.type !== "regiewijzer:ready") {
      frame.dispatchEvent(new CustomEvent(data.type, {detail: data, bubbles: true}));
    }
  });
}());
