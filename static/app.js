// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Styles may tell whether scripts run (and the browser tests check it).
  document.documentElement.classList.add("js");

  // A form came back with errors: move focus to their summary, so that
  // screen readers read it first and Tab goes on to the links to the fields.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  liveReading();

  // Folded lists open for printing and close again after (browsers that
  // cannot print folded content open on their own).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.tasks-fold"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // The position form: as the manager types tasks, shares, levels or
  // evidence, ask the server to read the form as it stands (nothing is
  // saved) and swap in its reading section. A short pause in typing
  // first, one request at a time, only the latest answer is shown; the
  // result is announced politely in one line, not the whole table.
  function liveReading() {
    var form = document.querySelector("form[data-reading]");
    var status = document.getElementById("reading-status");
    if (!form || !status || !window.fetch || !window.URLSearchParams || !window.FormData) {
      return;
    }
    var timer = null;
    var asked = 0;
    var read = function () {
      var ticket = ++asked;
      fetch(form.getAttribute("data-reading"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "text/html" },
        body: new URLSearchParams(new FormData(form))
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html === null || ticket !== asked) {
          return;
        }
        var current = document.getElementById("reading");
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#reading");
        // Never pull the section away from under the keyboard's focus.
        if (!current || !fresh || current.contains(document.activeElement)) {
          return;
        }
        if (current.innerHTML === fresh.innerHTML) {
          return;
        }
        current.parentNode.replaceChild(fresh, current);
        var caption = fresh.querySelector("#reading-tasks-caption");
        var flags = fresh.querySelectorAll(".flags li").length;
        status.textContent = (caption ? caption.textContent : "") +
          (flags ? " · " + fresh.querySelector(".flags").textContent.replace(/\s+/g, " ").trim() : "");
      }).catch(function () {
        // The reading comes back at the next save.
      });
    };
    var watched = function (target) {
      var name = target && target.name || "";
      return name === "task" || /^(share|level|evidence)-\d+$/.test(name);
    };
    var later = function (event) {
      if (!watched(event.target)) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(read, 500);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }
})();
