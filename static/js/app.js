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
