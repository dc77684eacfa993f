// quizapp: the review queue decides a card without reloading the page, so the teacher
// keeps their place. Without this file each button posts its form and the page comes
// back at the next card (its #q<id> anchor).
"use strict";

document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-review]") || !window.fetch) { return; }
  var card = form.closest(".question-card");
  if (!card) { return; }
  event.preventDefault();
  var buttons = card.querySelectorAll("button");
  buttons.forEach(function (b) { b.disabled = true; });
  window.fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { "Accept": "application/json" },
    credentials: "same-origin"
  }).then(function (response) {
    if (!response.ok) { throw new Error(String(response.status)); }
    return response.json();
  }).then(function (result) {
    var next = document.getElementById("q" + form.elements.next.value);
    var done = document.createElement("p");
    done.className = "decided decided-" + result.status;
    done.setAttribute("role", "status");
    done.setAttribute("tabindex", "-1");
    done.textContent = result.message;
    card.replaceWith(done);
    // Keyboard users go on with the next card; the rest of the page does not move.
    var target = next && next !== card && next.querySelector("form[data-review] button");
    (target || done).focus({ preventScroll: true });
  }).catch(function () {
    // Say nothing twice: the ordinary post shows the result, or the error, on its page.
    HTMLFormElement.prototype.submit.call(form);
  });
});
