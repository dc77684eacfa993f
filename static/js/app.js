// quizapp: progressive enhancements only; every page works without this file.
"use strict";

document.addEventListener("submit", function (event) {
  // Buttons with data-confirm ask before posting (e.g. removing a student).
  var button = event.submitter;
  var message = button && button.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
