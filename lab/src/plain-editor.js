// The SQL editor as the lab first shows it: a plain <textarea>, upgraded to
// the CodeMirror editor (editor.js, about 350 KB of script) when the reader
// first focuses it.
//
// Why: evaluating CodeMirror and building its view were most of the lab
// page's main-thread work at load (about 400 ms on a phone-speed CPU),
// paid by every visit, also by readers who only read the task and press
// Run. A textarea is usable at once: the query can be read, edited and run
// before CodeMirror arrives, and if it never arrives (a failed download)
// the lab still works.
//
// The editor is loaded ahead of the focus where the reader shows intent:
// a mouse pointing at the textarea, or a finger's first touch anywhere on
// the page (a phone reader scrolls before tapping). With the module in
// hand the swap happens inside the focus event itself, so on a phone the
// focus moves within the tap and the on-screen keyboard stays up; without
// it, the swap waits for the download.
//
// The object returned has the same methods as editor.js's, whichever of
// the two is on the page, so the island does not know which it talks to.
// At the upgrade the text, the selection and the focus carry over within
// one task, so no keystroke is lost.

/**
 * Puts a textarea in `host` now and CodeMirror (from `loadEditor()`, a
 * promise of editor.js's module) on first focus. Options as editor.js's
 * mountEditor.
 */
export function mountLazyEditor(host, { doc = "", label = "SQL", onRun = () => {}, onChange = () => {} } = {}, loadEditor) {
  const area = document.createElement("textarea");
  area.className = "lab-plain-editor";
  area.setAttribute("aria-label", label);
  area.spellcheck = false;
  area.setAttribute("autocapitalize", "off");
  area.setAttribute("autocomplete", "off");
  area.setAttribute("autocorrect", "off");
  area.rows = 4; // at least: the style's min-height matches CodeMirror's
  show(doc);
  host.append(area);

  let real = null; // editor.js's editor, once upgraded
  let destroyed = false;
  let loaded = null; // editor.js's module, once it has arrived

  // The value, and the default value, so that the element's text content
  // (what assistive technology and tests read before any edit) agrees.
  function show(text) {
    area.textContent = String(text);
    area.value = String(text);
  }

  function swap({ mountEditor }) {
    if (destroyed || real) return;
    const focused = document.activeElement === area;
    const { value, selectionStart, selectionEnd } = area;
    area.remove();
    real = mountEditor(host, { doc: value, label, onRun, onChange });
    real.select(selectionStart, selectionEnd);
    if (focused) real.focus();
  }

  function load() {
    return loadEditor().then((module) => (loaded = module));
  }

  function upgrade() {
    if (loaded) {
      swap(loaded);
      return;
    }
    // One download however often this runs (loadEditor keeps its promise,
    // and forgets a failed one); the textarea stays, and works, until then.
    load()
      .then(swap)
      .catch((error) => console.error(`SQL lab: the editor could not be loaded (${error?.message ?? error})`));
  }

  // Fetched ahead; a failure here is reported by the focus that needs it.
  const prefetch = () => {
    if (!destroyed) load().catch(() => {});
  };
  area.addEventListener("focus", upgrade);
  area.addEventListener("pointerenter", prefetch, { once: true });
  document.addEventListener("touchstart", prefetch, { once: true, passive: true });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });
  area.addEventListener("input", () => onChange(area.value));

  return {
    get: () => (real ? real.get() : area.value),
    set(text) {
      if (real) real.set(text);
      else show(text);
    },
    focus: () => (real ? real.focus() : area.focus()),
    select(anchor, head = anchor) {
      if (real) real.select(anchor, head);
      else area.setSelectionRange(Math.min(anchor, head), Math.max(anchor, head));
    },
    /** Puts the cursor at the error (1-based); CodeMirror also underlines it. */
    markError(position) {
      if (real) {
        real.markError(position);
      } else if (position != null) {
        const at = Math.min(Math.max(0, Number(position) - 1), area.value.length);
        area.setSelectionRange(at, at);
      }
    },
    destroy() {
      destroyed = true;
      document.removeEventListener("touchstart", prefetch);
      real?.destroy();
      area.remove();
    },
    /** Whether CodeMirror has replaced the textarea (for tests). */
    upgraded: () => real !== null,
  };
}
