// Runs an exercise's tests with Pyodide, off the page's thread, so a runaway loop can be stopped by terminating
// this worker. Pyodide comes from our own static files (?pyodide=<folder URL>); nothing is fetched from elsewhere.
"use strict";
const indexURL = new URL(self.location.href).searchParams.get("pyodide");
importScripts(indexURL + "pyodide.js");

let booted = null;

async function boot(runnerSource) {
  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL });
  const loadedMs = performance.now() - started;
  pyodide.runPython(runnerSource);
  // Which of Pyodide's files came from the browser cache (nothing transferred): shown in the page's timings.
  const cachedFiles = performance.getEntriesByType("resource")
    .filter((entry) => entry.transferSize === 0).map((entry) => entry.name.split("/").pop());
  return { runTests: pyodide.globals.get("run_tests_json"), bootMs: performance.now() - started, loadedMs, cachedFiles };
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    booted = boot(message.runner);
    booted.then(
      (python) => self.postMessage({ type: "ready", bootMs: python.bootMs, loadedMs: python.loadedMs, cachedFiles: python.cachedFiles }),
      (error) => self.postMessage({ type: "failed", error: String((error && error.message) || error) }),
    );
    return;
  }
  let python;
  try {
    python = await booted;
  } catch (error) {
    self.postMessage({ id: message.id, error: "Python could not start in this browser: " + error });
    return;
  }
  self.postMessage({ id: message.id, started: true });
  try {
    const output = python.runTests(message.code, message.tests, message.support || "");
    self.postMessage({ id: message.id, result: JSON.parse(output) });
  } catch (error) {
    self.postMessage({ id: message.id, error: String((error && error.message) || error) });
  }
};
