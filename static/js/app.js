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

// A limit reached (429) comes back as the same fragment with the message and the typed answer kept: show it.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 429) {
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
