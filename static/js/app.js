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

// Question form: show only the fields of the chosen type (all stay in the page without JS).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-type-switch]").forEach(function (form) {
    var select = form.querySelector("select[name=type]");
    if (!select) { return; }
    function update() {
      form.querySelectorAll("fieldset[data-types]").forEach(function (fs) {
        var show = fs.getAttribute("data-types").split(" ").indexOf(select.value) !== -1;
        fs.hidden = !show;
      });
    }
    select.addEventListener("change", update);
    update();
  });

  // Long operations (generating questions): say so and keep the button from a second click.
  document.querySelectorAll("form.busy-on-submit").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      var note = form.querySelector(".busy-note");
      if (button) {
        button.setAttribute("aria-busy", "true");
        if (button.dataset.busyLabel) { button.textContent = button.dataset.busyLabel; }
        window.setTimeout(function () { button.disabled = true; }, 0);
      }
      if (note) { note.hidden = false; }
    });
  });
});

// Quiz form: choosing another bank lists its questions (the form is posted back, not saved).
document.addEventListener("DOMContentLoaded", function () {
  var show = document.querySelector("button[name=show_bank]");
  var select = show && show.form.querySelector("select[name=bank_id]");
  if (!select) { return; }
  select.addEventListener("change", function () { show.click(); });
});

// A table wider than the screen scrolls sideways in its box: keyboard users reach that box
// with Tab (then the arrow keys scroll it), and screen readers hear what it holds.
(function () {
  function label(wrap) {
    var table = wrap.querySelector("table");
    var caption = table && table.querySelector("caption");
    var heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) { heading = heading.previousElementSibling; }
    return (caption || heading || document.querySelector("main h1") || {}).textContent || "";
  }
  function update() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label")) { wrap.setAttribute("aria-label", label(wrap).trim()); }
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
}());

// Quiz form: the count of questions chosen follows the boxes as they are ticked.
document.addEventListener("DOMContentLoaded", function () {
  var count = document.querySelector(".selected-count[data-one]");
  if (!count) { return; }
  var form = count.closest("form");
  function update() {
    var n = form.querySelectorAll("input[name=question_ids]:checked").length;
    // The server's rule (its catalogue: one for 1 only), so « 0 questions » either way.
    var text = count.getAttribute(n === 1 ? "data-one" : "data-other");
    count.querySelector("strong").textContent = text.replace("{n}", String(n));
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "question_ids") { update(); }
  });
});
