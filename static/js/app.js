// The question timer: counts up from when the server first showed the question (the server keeps the real time).
function startTimers(root) {
  root.querySelectorAll("time[data-timer-since]").forEach(function (el) {
    if (el.dataset.timerStarted) return;
    el.dataset.timerStarted = "1";
    var since = Date.parse(el.dataset.timerSince) || Date.now();
    function tick() {
      var seconds = Math.max(0, Math.floor((Date.now() - since) / 1000));
      var m = Math.floor(seconds / 60), s = seconds % 60;
      el.textContent = m + ":" + (s < 10 ? "0" : "") + s;
    }
    tick();
    setInterval(tick, 1000);
  });
}
document.addEventListener("DOMContentLoaded", function () { startTimers(document); });
document.addEventListener("htmx:load", function (event) { startTimers(event.target); });

// A round's countdown: from when the server started it, for its typical length. It keeps counting past zero: where
// the page gives a label beside it ([data-countdown-label]), the label turns to "Over time by" and the time stays
// positive; elsewhere the time gets a minus sign.
function startCountdowns(root) {
  root.querySelectorAll("time[data-countdown-from]").forEach(function (el) {
    if (el.dataset.countdownStarted) return;
    el.dataset.countdownStarted = "1";
    var end = (Date.parse(el.dataset.countdownFrom) || Date.now()) + Number(el.dataset.countdownSeconds) * 1000;
    var label = el.parentNode.querySelector("[data-countdown-label]");
    function tick() {
      var left = Math.round((end - Date.now()) / 1000), over = left < 0;
      left = Math.abs(left);
      el.textContent = (over && !label ? "-" : "") + Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
      if (label) label.textContent = over ? label.dataset.over : label.dataset.left;
      el.classList.toggle("overtime", over);
    }
    tick();
    setInterval(tick, 1000);
  });
}
document.addEventListener("DOMContentLoaded", function () { startCountdowns(document); });
document.addEventListener("htmx:load", function (event) { startCountdowns(event.target); });

// A limit reached (429), a refused answer (400, e.g. a finished mock round) or a second answer to a question already
// answered in another tab (409) comes back as the same fragment with the message and the typed text kept: show it.
document.addEventListener("htmx:beforeSwap", function (event) {
  if ([400, 409, 429].indexOf(event.detail.xhr.status) !== -1) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A table box that scrolls sideways (a wide table on a phone) can be scrolled with the keyboard: it takes focus and
// is named for a screen reader. Boxes that fit the screen stay out of the tab order.
function markScrollingTables(root) {
  var boxes = root.matches && root.matches(".table-scroll") ? [root] : root.querySelectorAll(".table-scroll");
  Array.prototype.forEach.call(boxes, function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table, scrolls sideways");
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { markScrollingTables(document); });
document.addEventListener("htmx:load", function (event) { markScrollingTables(event.target); });
window.addEventListener("resize", function () { markScrollingTables(document); });

// The reader's time zone, for the server to show times in (playbook.middleware.TimeZoneMiddleware). Set on the first
// page; a page already shown in UTC says so beside each time, and the next one is in local time.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  // IANA names ("America/Argentina/Buenos_Aires", "Etc/GMT+3") are valid cookie text as they stand.
  if (!zone || !/^[A-Za-z0-9_\/+-]+$/.test(zone) || document.cookie.split("; ").indexOf("tz=" + zone) !== -1) return;
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
})();

// Drafts: what is typed in an answer box (textarea[data-draft]) is kept in this browser until the answer is taken, so
// a reload, a closed tab or a dropped connection loses nothing. A draft goes when its page comes back without its box
// (the answer was taken), after a week, or at log-out or account deletion (a shared computer keeps no one's answers).
// Run as soon as the page is parsed (app.js is the first deferred script), so an exercise's code editor starts from
// the kept code.
(function () {
  var PREFIX = "playbook-draft:", WEEK = 7 * 24 * 3600 * 1000, store;
  try { store = window.localStorage; store.getItem(PREFIX); } catch (e) { return; }
  function keyOf(box) { return PREFIX + location.pathname + "#" + box.name; }
  function drop(test) {
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0 && test(key)) store.removeItem(key);
    }
  }
  drop(function (key) {
    try { return Date.now() - JSON.parse(store.getItem(key)).at > WEEK; } catch (e) { return true; }
  });
  function restore(root) {
    var here = PREFIX + location.pathname + "#";
    drop(function (key) {
      return key.indexOf(here) === 0 && !document.querySelector('textarea[data-draft][name="' +
        key.slice(here.length).replace(/["\\]/g, "") + '"]');
    });
    root.querySelectorAll("textarea[data-draft]").forEach(function (box) {
      var kept = null;
      try { kept = JSON.parse(store.getItem(keyOf(box))); } catch (e) { /* not ours: ignored */ }
      if (kept && kept.text && kept.text !== box.value && (!box.value.trim() || box.value === box.defaultValue)) {
        box.value = kept.text;
        var note = document.createElement("p");
        note.className = "muted small draft-note";
        note.setAttribute("data-testid", "draft-restored");
        note.textContent = "Your unsent draft is back in the box.";
        box.before(note);
      }
    });
  }
  var timer = null, sent = false;
  function save(box) {
    if (sent) return;  // leaving the page because the answer was sent: nothing to keep
    try {
      // A box the server filled from a refused answer (data-draft-unsent) holds text kept nowhere else.
      if (box.value.trim() && (box.value !== box.defaultValue || box.hasAttribute("data-draft-unsent"))) {
        store.setItem(keyOf(box), JSON.stringify({ text: box.value, at: Date.now() }));
      } else {
        store.removeItem(keyOf(box));
      }
    } catch (e) { /* storage full or refused: the box still holds the text */ }
  }
  function saveAll() {
    document.querySelectorAll("textarea[data-draft]").forEach(save);
  }
  // A code editor writes into its hidden textarea without an input event on it, so every input under a form with a
  // draft box saves that form's boxes, shortly after.
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (!form || !form.querySelector("textarea[data-draft]")) return;
    clearTimeout(timer);
    timer = setTimeout(saveAll, 400);
  });
  window.addEventListener("pagehide", saveAll);
  // "formdata" fires however a form is sent: a click, htmx, or a script's form.submit() (the exercise page). The
  // draft is kept as sent, in case the request never arrives, and not saved again as the page goes.
  document.addEventListener("formdata", function (event) {
    if (!event.target.querySelector("textarea[data-draft]")) return;
    clearTimeout(timer);
    saveAll();
    sent = true;
  });
  document.addEventListener("htmx:afterRequest", function () { sent = false; });  // the page stays: keep again
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute("action") || "";
    if (/\/(?:logout|data\/delete)\/?$/.test(action)) drop(function () { return true; });
  });
  restore(document);
  document.addEventListener("htmx:load", function (event) { restore(event.target); });
})();

// Ctrl+Enter (Cmd+Enter on a Mac) in an answer box (textarea[data-draft]) sends its form, as its submit button would:
// requestSubmit fires the submit event, so htmx and the exercise page's own handler still see it. A hint goes under
// each box, added here because without JavaScript the keys do nothing. A disabled button (a request already on its
// way) sends nothing twice.
(function () {
  var MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  var HINT = (MAC ? "Cmd" : "Ctrl") + "+Enter to submit";
  function submitterOf(form) { return form.querySelector('button[type="submit"], input[type="submit"]'); }
  function addHints(root) {
    root.querySelectorAll("textarea[data-draft]").forEach(function (box) {
      // The exercise's code box is replaced by a code editor, which keeps Enter for itself; its explanation gets one.
      if (box.dataset.submitHint || box.classList.contains("code-input") || !box.form || !submitterOf(box.form)) return;
      box.dataset.submitHint = "1";
      var hint = document.createElement("p");
      hint.className = "muted small submit-hint";
      hint.id = (box.id || box.name) + "-submit-hint";
      hint.setAttribute("data-testid", "submit-hint");
      hint.textContent = HINT;
      box.after(hint);
      box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + hint.id).trim());
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.isComposing || event.repeat) return;
    var box = event.target;
    if (!box.matches || !box.matches("textarea[data-draft]") || !box.form) return;
    var button = submitterOf(box.form);
    if (!button || button.disabled) return;
    event.preventDefault();
    box.form.requestSubmit(button);
  });
  document.addEventListener("DOMContentLoaded", function () { addHints(document); });
  document.addEventListener("htmx:load", function (event) { addHints(event.target); });
})();

// The phone menu's toggle is a checkbox (the menu opens with CSS alone); as a button it says whether the menu is
// open, and opens on Enter as well as Space.
(function () {
  var toggle = document.getElementById("nav-toggle");
  if (!toggle) return;
  function sync() { toggle.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  toggle.addEventListener("change", sync);
  toggle.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    toggle.checked = !toggle.checked;
    sync();
  });
  sync();
})();

// After a click or a form sent through htmx replaces the part of the page that held the focus (a pager link, a save
// button), the focus would fall back to the top of the page: it goes to the new region's first heading (or the region
// itself), scrolled into view, and a status message in it (role="status") is read out through a live region that was
// on the page before the swap, as a screen reader ignores a live region that arrives with the new content. Polling
// swaps are left alone: moving the focus every second would keep reading the region aloud and scroll the reader back.
(function () {
  var lostFocus = null, announcer = null;
  function announce(text) {
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.className = "visually-hidden";
      announcer.setAttribute("role", "status");
      announcer.setAttribute("data-testid", "swap-status");
      document.body.appendChild(announcer);
    }
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50);  // the same message twice is read twice
  }
  document.addEventListener("DOMContentLoaded", function () { announce(""); });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement, config = event.detail.requestConfig;
    lostFocus = active && active !== document.body && config && config.triggeringEvent ? active : null;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var before = lostFocus, target = event.detail.target;
    if (!before || before.isConnected) return;
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;  // htmx kept it (an element with an id)
    lostFocus = null;
    var region = (target && target.id && document.getElementById(target.id)) || event.target;
    if (!region || !region.isConnected) return;
    var spot = region.querySelector("h1, h2, h3, h4, h5, h6") || region;
    if (!spot.hasAttribute("tabindex")) spot.setAttribute("tabindex", "-1");
    spot.focus({ preventScroll: true });
    var box = spot.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight - 40) spot.scrollIntoView({ block: "start" });
    var status = region.querySelector('[role="status"]');
    if (status && status.textContent.trim()) announce(status.textContent.trim());
  });
})();
