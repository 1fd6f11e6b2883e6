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
})();
