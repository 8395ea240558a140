// The exercise page: a code editor, Run (the visible tests) and Submit (the hidden tests, then the form), with the
// tests run by Pyodide in a Web Worker. Without this script the form still posts the code as plain text.
(function () {
  "use strict";
  const root = document.querySelector("[data-exercise]");
  const configNode = document.getElementById("exercise-config");
  if (!root || !configNode || !window.Worker) return;
  const config = JSON.parse(configNode.textContent);
  const form = root.querySelector("[data-exercise-form]");
  const codeArea = form.querySelector("textarea[name=code]");
  const resultsInput = form.querySelector("input[name=results]");
  const runButton = root.querySelector("[data-run]");
  const stopButton = root.querySelector("[data-stop]");
  const submitButton = root.querySelector("[data-submit]");
  const status = root.querySelector("[data-status]");
  const output = root.querySelector("[data-output]");
  // Read by the browser test and `make bench`: how long Python took to start and each run took, in ms.
  const timings = (window.exerciseTimings = { boots: [], pyodideLoads: [], runs: [], cachedFiles: [] });

  let worker = null;
  let ready = null;
  let isReady = false;
  let nextId = 1;
  const pending = new Map();
  let stopRun = null;  // while tests run: ends the run now, as the time limit would

  function startWorker() {
    worker = new Worker(config.workerUrl + "?pyodide=" + encodeURIComponent(config.pyodideUrl));
    ready = new Promise((resolve, reject) => {
      worker.onmessage = (event) => {
        const data = event.data;
        if (data.type === "ready") {
          timings.boots.push(data.bootMs);
          timings.pyodideLoads.push(data.loadedMs);
          timings.cachedFiles = data.cachedFiles;
          resolve();
          return;
        }
        if (data.type === "failed") { reject(new Error(data.error)); return; }
        const run = pending.get(data.id);
        if (!run) return;
        if (data.started) { run.started(); return; }
        pending.delete(data.id);
        run.finish(data);
      };
      worker.onerror = (event) => reject(new Error(event.message || "the Python worker failed to start"));
    });
    isReady = false;
    ready.then(() => { isReady = true; }, () => {});
    worker.postMessage({ type: "init", runner: config.runner });
  }

  // One run of a test source against the editor's code. The time limit starts when Python starts the tests (not
  // while Pyodide loads); past it, or on Stop, the worker is terminated and a fresh one started for the next run.
  function run(tests) {
    return new Promise((resolve) => {
      const id = nextId++;
      let timer = null;
      function end(outcome) {
        clearTimeout(timer);
        stopRun = null;
        stopButton.hidden = true;
        resolve(outcome);
      }
      function abandon(outcome) {
        pending.delete(id);
        worker.terminate();
        startWorker();
        end(outcome);
      }
      pending.set(id, {
        started() {
          timer = setTimeout(() => abandon({ timedOut: true }), config.runSeconds * 1000);
          stopRun = () => abandon({ stopped: true });
          stopButton.hidden = false;
        },
        finish: end,
      });
      worker.postMessage({ type: "run", id, code: code(), tests, support: config.support });
    });
  }
  stopButton.addEventListener("click", () => { if (stopRun) stopRun(); });

  const stoppedMessage = () => "Stopped after " + config.runSeconds + " s: an infinite loop?";
  const STOPPED_BY_YOU = "Stopped: you stopped the run before the tests finished.";

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(label, outcome) {
    output.replaceChildren();
    if (outcome.timedOut || outcome.stopped) {
      output.append(element("p", "error", outcome.stopped ? STOPPED_BY_YOU : stoppedMessage()));
      return;
    }
    if (outcome.error) {
      output.append(element("p", "error", outcome.error));
      return;
    }
    const result = outcome.result;
    const passed = result.results.filter((test) => test.passed).length;
    if (result.results.length || !result.error) {  // code that does not load runs no test: "0 of 0" says nothing
      output.append(element("p", "run-summary", label + ": " + passed + " of " + result.results.length + " passed"));
    }
    if (result.error) output.append(element("p", "error", "Your code could not be loaded: " + result.error));
    const list = element("ul", "test-results");
    for (const test of result.results) {
      const item = element("li", test.passed ? "passed" : "failed");
      item.dataset.testid = "test-result";
      item.append(element("span", "badge " + (test.passed ? "covered" : "missed"), test.passed ? "passed" : "failed"));
      item.append(element("code", "", test.name));
      if (test.message) item.append(document.createTextNode(": " + test.message));
      list.append(item);
    }
    output.append(list);
    if (result.stdout) {
      output.append(element("p", "muted small", "Printed output:"));
      output.append(element("pre", "stdout", result.stdout));
    }
  }

  function busy(on, text) {
    runButton.disabled = on;
    submitButton.disabled = on;
    status.textContent = text || "";
  }

  async function runOnce(tests, label) {
    const clicked = performance.now();
    busy(true, isReady ? "Running…" : "Starting Python in your browser…");
    try {
      await ready;
    } catch (error) {
      busy(false, "Python could not start in this browser (" + error.message + "). You can still submit your code: "
        + "it will be graded on the explanation only.");
      return null;
    }
    busy(true, "Running…");
    const outcome = await run(tests);
    show(label, outcome);
    timings.runs.push(performance.now() - clicked);
    busy(false, outcome.timedOut ? "Stopped: see why below." : "");  // the output says it in full, once
    if (outcome.stopped) runButton.focus();  // the Stop button just went away under the pointer
    return outcome;
  }

  let lastVisible = null;
  let resultsReady = false;
  // Results kept from a submit the server sent back (an empty explanation, say) belong to older code: run again.
  resultsInput.value = "";
  runButton.hidden = false;
  runButton.addEventListener("click", async () => {
    const outcome = await runOnce(config.visibleTests, "Examples");
    if (outcome && outcome.result) lastVisible = outcome.result.results;
  });

  // An empty explanation is refused by the server anyway (with this message): say so before the hidden tests run.
  const explanation = form.querySelector("textarea[name=text]");
  let emptyNote = null;
  function explanationIsEmpty() {
    const empty = explanation && !explanation.value.trim();
    if (empty && !emptyNote) {
      emptyNote = element("ul", "errorlist");
      emptyNote.id = "explanation-empty";
      emptyNote.setAttribute("role", "alert");
      emptyNote.append(element("li", "", config.emptyExplanation));
      explanation.before(emptyNote);
      explanation.setAttribute("aria-describedby",
        ((explanation.getAttribute("aria-describedby") || "") + " " + emptyNote.id).trim());
    }
    if (explanation) explanation.setAttribute("aria-invalid", empty ? "true" : "false");
    if (emptyNote) emptyNote.hidden = !empty;
    return empty;
  }

  form.addEventListener("submit", async (event) => {
    if (resultsReady) return;
    event.preventDefault();
    if (explanationIsEmpty()) {
      explanation.focus();
      return;
    }
    busy(true, "Fetching the hidden tests…");
    let tests;
    try {
      const response = await fetch(config.hiddenTestsUrl, { credentials: "same-origin" });
      if (!response.ok) throw new Error("the server answered " + response.status);
      tests = (await response.json()).tests;
    } catch (error) {
      busy(false, "Could not fetch the hidden tests (" + error.message + "). Nothing was submitted; try again.");
      return;
    }
    const outcome = await runOnce(tests, "Hidden tests");
    if (outcome === null) { busy(false, status.textContent); return; }
    if (outcome.stopped) { busy(false, "Stopped: nothing was submitted. Submit again when you are ready."); return; }
    let hidden;
    if (outcome.timedOut || outcome.error) {
      const message = outcome.timedOut ? stoppedMessage() : outcome.error;
      hidden = config.hiddenNames.map((name) => ({ name, passed: false, message }));
    } else {
      hidden = outcome.result.results;
    }
    resultsInput.value = JSON.stringify({
      hidden, visible: lastVisible || [],
      stdout: outcome.result ? outcome.result.stdout : "",
      error: outcome.result ? outcome.result.error : (outcome.error || ""),
    });
    busy(true, "Submitting…");
    resultsReady = true;
    form.submit();
  });

  startWorker();  // Python starts loading now, while the editor is built and the candidate reads
  const editor = window.PlaybookEditor ? window.PlaybookEditor.attachEditor(codeArea, root.dataset.styleNonce) : null;
  // Pasted or typed non-breaking spaces are spaces to Python too (a U+00A0 is a SyntaxError there).
  const code = () => (editor ? editor.getCode() : codeArea.value).replace(/\u00a0/g, " ");
})();
