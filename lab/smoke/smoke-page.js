// The smoke test page's own script (a classic script, loaded before the lab's
// module): records CSP violations and status changes, and mounts the
// editor once window.backendGuideLab exists, the way the page's island
// will.

// `step` is set by run.mjs, to tell which check a violation came from
window.__smoke = { violations: [], statuses: [], readyAt: null, runs: 0, changes: [], step: "load" };

document.addEventListener("securitypolicyviolation", (e) => {
  const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : "";
  window.__smoke.violations.push(`${e.violatedDirective} ${e.blockedURI}${where} (during: ${window.__smoke.step})`);
});

function attach() {
  const lab = window.backendGuideLab;
  const smoke = window.__smoke;
  if (!lab || smoke.attached) return;
  smoke.attached = true;
  lab.engine.onStatus((s) => {
    smoke.statuses.push({ ...s, at: Math.round(performance.now()) });
    if (s.state === "ready" && smoke.readyAt === null) smoke.readyAt = Math.round(performance.now());
  });
  smoke.editor = lab.mountEditor(document.getElementById("editor"), {
    doc: "SELECT 1;",
    label: "SQL query",
    onRun: () => { smoke.runs++; },
    onChange: (text) => { smoke.changes.push(text); },
  });
}

window.addEventListener("backend-guide-lab", attach);
attach();
