// The lab's SQL editor: CodeMirror 6 with PostgreSQL highlighting, line
// numbers, undo history and bracket matching; Ctrl/Cmd+Enter runs.
//
// It lives in a shadow root on the host element. CodeMirror injects its
// styles at run time (style-mod): into a document as a <style> element,
// which the site's CSP (style-src 'self', no 'unsafe-inline') blocks, but
// into a shadow root as a constructed stylesheet (adoptedStyleSheets),
// which CSP allows. The site's custom properties (--text, --code-bg, ...)
// inherit into the shadow root, so the editor follows the site's theme.
//
// Tab is left alone (CodeMirror binds it only through indentWithTab, which
// is not used), so keyboard users can tab out of the editor.

import { defaultKeymap, history, historyKeymap, isolateHistory } from "@codemirror/commands";
import { PostgreSQL } from "@codemirror/lang-sql";
import { bracketMatching, HighlightStyle, LanguageSupport, syntaxHighlighting } from "@codemirror/language";
import { Annotation, EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, drawSelection, EditorView, keymap, lineNumbers } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

// Token colours: light-dark(light theme, dark theme). Each keeps at least
// 4.5:1 contrast (WCAG AA) against --code-bg, --bg and the selection
// colour below, in both themes (lowest: 4.6, a comment on a dark selection).
const COLOURS = {
  keyword: "light-dark(#7a1c9c, #d7a6ff)",
  string: "light-dark(#0d6630, #8fd39a)",
  number: "light-dark(#8f4300, #f2b27a)",
  comment: "light-dark(#555c68, #a3abb8)",
  type: "light-dark(#0b5cad, #7cb7ff)",
  atom: "light-dark(#a3132c, #ff9eac)",
  operator: "light-dark(#3a3f47, #c9ced6)",
  error: "light-dark(#b3001b, #ff8f8f)",
  selection: "light-dark(#cfdcee, #2b3f5c)",
};

const highlight = HighlightStyle.define([
  { tag: t.keyword, color: COLOURS.keyword },
  { tag: t.string, color: COLOURS.string },
  { tag: t.special(t.string), color: "inherit" }, // "quoted identifiers" are names, not strings
  { tag: t.number, color: COLOURS.number },
  { tag: [t.bool, t.null, t.special(t.name)], color: COLOURS.atom },
  { tag: [t.typeName, t.standard(t.name)], color: COLOURS.type },
  { tag: [t.lineComment, t.blockComment], color: COLOURS.comment, fontStyle: "italic" },
  { tag: t.operator, color: COLOURS.operator },
]);

const theme = EditorView.theme({
  "&": {
    color: "var(--text)",
    backgroundColor: "var(--code-bg)",
    border: "1px solid var(--border)",
    borderRadius: "var(--radius, 0.5rem)",
    // 16px at least: phones zoom into smaller text fields on focus
    fontSize: "max(1rem, 16px)",
  },
  "&.cm-focused": { outline: "2px solid var(--focus, var(--accent))", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--font-mono, monospace)", lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--text)", minHeight: "8em", padding: "0.5em 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)", borderLeftWidth: "2px" },
  ".cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: COLOURS.selection,
  },
  ".cm-gutters": { backgroundColor: "var(--code-bg)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "transparent", outline: "1px solid var(--accent)" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "transparent", outline: `1px solid ${COLOURS.error}` },
  ".cm-lab-error": {
    textDecoration: `underline wavy ${COLOURS.error}`,
    textDecorationSkipInk: "none",
    textUnderlineOffset: "0.2em",
  },
});

// Marks the transactions made by set(), which onChange does not report
const fromSet = Annotation.define();

// The error mark: set by markError, dropped by the next edit
const setError = StateEffect.define();
const errorMark = Decoration.mark({ class: "cm-lab-error" });
const errorField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) if (e.is(setError)) return e.value;
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// Typing over a selection. Left to the browser, Chromium deletes the
// selected (highlighted) text and inserts the typed character in a
// <span style="..."> copying the deleted text's look; the CSP refuses
// that style attribute and reports a violation (CodeMirror redraws the
// line anyway). Replacing the selection here leaves the browser nothing to
// style. Composition (IME input) is left alone.
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== "insertText" || event.isComposing || event.data == null) return false;
    if (view.state.selection.ranges.every((r) => r.empty)) return false;
    event.preventDefault();
    view.dispatch({ ...view.state.replaceSelection(event.data), scrollIntoView: true, userEvent: "input.type" });
    return true;
  },
});

/** The range to mark for an error at `offset`: the word there, or one character. */
function errorRange(doc, offset) {
  const length = doc.length;
  if (length === 0) return null;
  if (offset >= length) return { from: length - 1, to: length }; // "at end of input"
  const line = doc.lineAt(offset);
  const word = /^[\p{L}\p{N}_$]+/u.exec(line.text.slice(offset - line.from));
  return { from: offset, to: offset + (word ? word[0].length : 1) };
}

/**
 * Mounts an editor in `host` (an element that can hold a shadow root, such
 * as a <div>). `label` names it for assistive technology; `onRun()` is
 * called on Ctrl/Cmd+Enter; `onChange(text)` after every edit by the
 * reader (not after set()).
 */
export function mountEditor(host, { doc = "", label = "SQL", onRun = () => {}, onChange = () => {} } = {}) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        bracketMatching(),
        EditorView.lineWrapping,
        // The language alone: sql() would also build keyword and schema
        // completion sources, which nothing here uses (no autocompletion),
        // at a cost the profile showed in the mount.
        new LanguageSupport(PostgreSQL.language),
        syntaxHighlighting(highlight),
        theme,
        errorField,
        EditorView.contentAttributes.of({ "aria-label": label }),
        typeOverSelection,
        // Above defaultKeymap, which binds Mod-Enter to "insert blank line"
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }])),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromSet))) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });

  return {
    get: () => view.state.doc.toString(),
    /** Replaces the text as one undoable edit. */
    set(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: String(text) },
        // its own undo step, never merged with the reader's typing
        annotations: [fromSet.of(true), isolateHistory.of("full")],
      });
    },
    focus: () => view.focus(),
    /** Selects `anchor`..`head` (offsets in the text, clamped to it). */
    select(anchor, head = anchor) {
      const clamp = (n) => Math.min(Math.max(0, Number(n) || 0), view.state.doc.length);
      view.dispatch({ selection: { anchor: clamp(anchor), head: clamp(head) } });
    },
    /** Marks the error at `position` (1-based, as in a run's reply) and puts the cursor there; null clears. */
    markError(position) {
      const range = position == null ? null : errorRange(view.state.doc, Math.max(0, Number(position) - 1));
      view.dispatch({
        effects: setError.of(range ? Decoration.set([errorMark.range(range.from, range.to)]) : Decoration.none),
        ...(range ? { selection: { anchor: range.from }, scrollIntoView: true } : {}),
      });
    },
    destroy: () => view.destroy(),
  };
}
