/* Regiewijzer embed: <script src="https://regiewijzer.example/embed.js" data-lang="nl"
   data-case="case_id" data-answers="fact=value&fact2=value" async></script>
   inserts the conversation (or, with data-case, one training case) in an iframe where the tag stands.
   The iframe reports its height ("regiewijzer:resize") and, when the advice is complete,
   "regiewijzer:advice-complete"; both are re-dispatched on the script's parent element as DOM events. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var lang = script.dataset.lang === "en" ? "en" : "nl";
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

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === "regiewijzer:resize" && typeof data.height === "number") {
      frame.height = String(Math.max(200, Math.min(data.height, 100000)));
    } else if (typeof data.type === "string" && data.type.indexOf("regiewijzer:") === 0) {
      frame.dispatchEvent(new CustomEvent(data.type, {detail: data, bubbles: true}));
    }
  });
}());
