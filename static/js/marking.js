// quizapp: keyboard shortcuts of the marking page (the page works without them).
//   outside the fields (Escape leaves one): a digit gives that mark, "c" writes a
//   comment, "n" / "p" go to the next / previous answer waiting, Enter saves;  Enter in
//   the mark (the form's own behaviour) or Ctrl+Enter in the comment: save and go on.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-marking]");
  if (!form) { return; }
  var mark = form.querySelector("input[name=mark]");
  var comment = form.querySelector("textarea[name=comment]");
  var outOf = parseFloat(form.getAttribute("data-out-of")) || 1;

  function typing(target) {
    return target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
  }

  function follow(which) {
    var link = document.querySelector("a[data-shortcut=" + which + "]");
    if (link) { window.location.href = link.href; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) { return; }
    if (event.target === comment) {
      if (event.key === "Enter" && event.ctrlKey) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.key === "Escape" && typing(event.target)) {
      event.target.blur();
      return;
    }
    if (event.ctrlKey || typing(event.target)) { return; }
    if (/^[0-9]$/.test(event.key) && parseInt(event.key, 10) <= outOf) {
      event.preventDefault();
      mark.value = event.key;  // the focus stays out of the fields: "c", "n", Enter go on working
    } else if (event.key === "Enter") {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "c") {
      event.preventDefault();
      comment.focus();
    } else if (event.key === "n") {
      follow("next");
    } else if (event.key === "p") {
      follow("previous");
    }
  });
});
