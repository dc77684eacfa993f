// quizapp: saving answers as they are given, and the countdown.
// Without this file the page still works: every button posts the form, which saves.
"use strict";

(function () {
  var form = document.getElementById("attempt-form");
  var plurals = new Intl.PluralRules(document.documentElement.lang || "fr");
  var timerBox = document.querySelector("[data-remaining]");
  var autoSubmit = document.getElementById("auto-submit");
  var pending = {};   // slot -> answer not yet accepted by the server
  var retryTimer = null;
  var inflight = 0;   // saves on their way: a form post waits for them, or an older
  var heldSubmit;     // answer could arrive after it and overwrite the newer one
  // Answers not yet saved are also kept in the browser, so closing the page while
  // offline loses nothing: they are sent when the attempt is opened again.
  var storeKey = form ? "quizapp-unsaved:" + form.getAttribute("data-save-url") : null;
  var KEEP_MS = 24 * 3600 * 1000;
  var restored = false;
  // Saves are numbered "<page id>:<n>": one held back on the network and arriving
  // after a newer one from this page is dropped by the server instead of stored.
  var pageId = Array.prototype.map.call(
    window.crypto.getRandomValues(new Uint8Array(8)),
    function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  var saveCount = 0;

  function remember() {
    try {
      if (Object.keys(pending).length) {
        window.localStorage.setItem(storeKey, JSON.stringify({ at: Date.now(), answers: pending }));
      } else {
        window.localStorage.removeItem(storeKey);
      }
    } catch (e) { /* private mode or full: the server copy is what counts */ }
  }

  function restore() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(storeKey) || "null");
      if (kept && Date.now() - kept.at < KEEP_MS) {
        Object.keys(kept.answers).forEach(function (slot) { pending[slot] = kept.answers[slot]; });
        restored = Object.keys(pending).length > 0;
      }
    } catch (e) { /* nothing kept */ }
  }

  // --- saving ---------------------------------------------------------------
  function answerOf(fieldset) {
    var type = fieldset.getAttribute("data-type");
    var slot = fieldset.getAttribute("data-slot");
    var name = "a" + slot;
    if (type === "mcq" || type === "truefalse") {
      var chosen = fieldset.querySelector("input[name='" + name + "']:checked");
      return chosen ? chosen.value : null;
    }
    if (type === "multi") {
      return Array.prototype.map.call(
        fieldset.querySelectorAll("input[name='" + name + "']:checked"),
        function (input) { return input.value; });
    }
    if (type === "matching") {
      var map = {};
      fieldset.querySelectorAll("select[name^='" + name + "-']").forEach(function (select) {
        map[select.name.slice(name.length + 1)] = select.value;
      });
      return map;
    }
    if (type === "cloze") {
      var blanks = [];
      fieldset.querySelectorAll("[name^='" + name + "-']").forEach(function (field) {
        blanks[parseInt(field.name.slice(name.length + 1), 10) - 1] = field.value;
      });
      for (var i = 0; i < blanks.length; i++) { if (blanks[i] === undefined) { blanks[i] = ""; } }
      return blanks;
    }
    var input = fieldset.querySelector("[name='" + name + "']");
    return input ? input.value : null;
  }

  function say(fieldset, text, problem) {
    var box = fieldset && fieldset.querySelector(".answer-status");
    if (!box) { return; }
    box.textContent = text;
    box.classList.toggle("answer-problem", Boolean(problem));
  }

  function updateProgress(unanswered) {
    var total = parseInt(form.getAttribute("data-total") || "0", 10);
    var counter = document.querySelector(".answered-count");
    var bar = document.querySelector(".attempt-progress");
    if (counter) { total = parseInt(counter.getAttribute("data-total"), 10); }
    var done = total - unanswered.length;
    if (counter) {
      // The language's own plural rule: « 0 réponse », "0 answers", « 2 réponses ».
      var form_ = plurals.select(done) === "one" ? "data-msg-done-one" : "data-msg-done-other";
      counter.textContent = form.getAttribute(form_)
        .replace("{done}", done).replace("{total}", total);
    }
    if (bar) { bar.value = done; }
    document.querySelectorAll("[data-jump]").forEach(function (button) {
      var slot = parseInt(button.getAttribute("data-jump"), 10);
      var mark = button.querySelector(".jump-mark");
      if (mark) { mark.textContent = unanswered.indexOf(slot) === -1 ? " ✓" : ""; }
    });
  }

  // One save per question at a time, so answers reach the server in the order given.
  var busy = {};

  function showState() {
    form.setAttribute("data-state", inflight || Object.keys(pending).length ? "saving" : "saved");
  }

  function send(slot) {
    if (busy[slot] || !(slot in pending)) { return; }
    var fieldset = document.getElementById("q" + slot);
    var answer = pending[slot];
    var failed = false;
    say(fieldset, form.getAttribute("data-msg-saving"));
    busy[slot] = true;
    inflight += 1;
    showState();
    fetch(form.getAttribute("data-save-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": form.querySelector("input[name=csrf_token]").value
      },
      body: JSON.stringify({ slot: slot, answer: answer, seq: pageId + ":" + (++saveCount) })
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      if (pending[slot] === answer) { delete pending[slot]; remember(); }
      if (result.status === 200 && result.data.stale) {
        // A newer answer from this page is already stored (and reported on its own).
      } else if (result.status === 200) {
        say(fieldset, form.getAttribute("data-msg-saved"));
        updateProgress(result.data.unanswered || []);
      } else {
        // Refused for good (time over, bad answer): say why; retrying would not help.
        say(fieldset, result.data.error || "", true);
      }
    }).catch(function () {
      failed = true;
      say(fieldset, form.getAttribute("data-msg-offline"), true);
      scheduleRetry();
    }).then(function () {
      inflight -= 1;
      busy[slot] = false;
      if (!failed && slot in pending) { send(slot); }  // changed again meanwhile
      showState();
      if (inflight === 0 && restored && !Object.keys(pending).length && heldSubmit === undefined) {
        restored = false;
        window.location.reload();  // show what the server now holds
      }
      if (inflight === 0 && heldSubmit !== undefined) {
        var submitter = heldSubmit;
        heldSubmit = undefined;
        form.requestSubmit(submitter);
      }
    });
  }

  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, 5000);
  }

  function flush() {
    Object.keys(pending).forEach(function (slot) { send(parseInt(slot, 10)); });
  }

  var typing = {};
  function changed(event, delay) {
    var fieldset = event.target.closest("fieldset.question");
    if (!fieldset || fieldset.disabled) { return; }
    var slot = parseInt(fieldset.getAttribute("data-slot"), 10);
    pending[slot] = answerOf(fieldset);
    remember();
    showState();
    window.clearTimeout(typing[slot]);
    typing[slot] = window.setTimeout(function () { send(slot); }, delay);
  }

  if (form) {
    form.addEventListener("change", function (event) { changed(event, 0); });
    form.addEventListener("input", function (event) {
      if (event.target.type === "text" || event.target.tagName === "TEXTAREA") { changed(event, 800); }
    });
    form.addEventListener("submit", function (event) {
      if (inflight > 0) {
        event.preventDefault();
        heldSubmit = event.submitter || null;
        return;
      }
      // The post carries every answer on the page: nothing left to send by script for them.
      Object.keys(typing).forEach(function (slot) { window.clearTimeout(typing[slot]); });
      form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
        delete pending[fieldset.getAttribute("data-slot")];
      });
      remember();
    });
    window.addEventListener("online", flush);
    restore();
    flush();
    showState();  // also tells that the page saves by itself from now on
    window.addEventListener("beforeunload", function (event) {
      if (Object.keys(pending).length) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  // A second click on "submit" while the first is on its way sends nothing more.
  document.querySelectorAll("form.submit-form").forEach(function (submitForm) {
    submitForm.addEventListener("submit", function () {
      var button = submitForm.querySelector("button[type=submit]");
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });
  });

  // --- countdown --------------------------------------------------------------
  if (!timerBox) { return; }
  var value = timerBox.querySelector(".countdown-value");
  var alertBox = timerBox.querySelector(".countdown-alert");
  var source = form || document.querySelector("form");
  var end = Date.now() + 1000 * parseInt(timerBox.getAttribute("data-remaining"), 10);
  var warned = false;
  var finished = false;

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    value.textContent = (h ? h + ":" + two(m) : String(m)) + ":" + two(s);
    if (left <= 60 && !warned) {
      warned = true;
      timerBox.classList.add("countdown-low");
      if (alertBox && form) { alertBox.textContent = form.getAttribute("data-msg-last-minute"); }
    }
    if (left === 0 && !finished) {
      finished = true;
      if (alertBox && form) { alertBox.textContent = form.getAttribute("data-msg-time-up"); }
      // The server takes a final submit for a short while after the deadline.
      if (autoSubmit) { autoSubmit.submit(); }
      return;
    }
    window.setTimeout(tick, 1000);
  }
  if (source || value) { tick(); }
}());
