"use client";

import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import {
  Annotation,
  Compartment,
  EditorState,
  Prec,
  type Extension,
  type StateEffect,
} from "@codemirror/state";
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type Command,
} from "@codemirror/view";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, type CSSProperties, type JSX } from "react";
import {
  CONTENT_PADDING_PX,
  LINE_HEIGHT_EM,
  MAX_LINES,
  codeEditorTheme,
  codeHighlightStyle,
} from "./code-editor-theme";

export type CodeLanguage = "python" | "javascript";

export interface CodeEditorProps {
  /**
   * Current text. When it changes from outside (e.g. "Reset to starter code") the editor shows it as one
   * undoable change; the echo of the editor's own onChange is recognised and never resets the cursor.
   */
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  /** Accessible name of the editable area (the element with role="textbox"); default "Code". */
  label?: string;
  /** The id of the element with role="textbox" (CodeMirror's `.cm-content`); the hint gets `${id}-hint`. */
  id?: string;
  readOnly?: boolean;
  /** Minimum visible height in lines (default 8); the editor grows with its content up to 28 lines, then scrolls. */
  minLines?: number;
  /** Called on Ctrl+Enter (Cmd+Enter on macOS, where Ctrl+Enter works too), e.g. to run the code. */
  onRun?: () => void;
}

/** How long after Escape a Tab moves focus out instead of indenting (CodeMirror's own window). */
const TAB_ESCAPE_MS = 2000;

/** Marks the transactions that apply `value` from outside, so they are not reported back through onChange. */
const externalChange = Annotation.define<boolean>();

// Compartments are only keys: one set serves every editor on the page.
const languageSlot = new Compartment();
const readOnlySlot = new Compartment();
const attributesSlot = new Compartment();

const LANGUAGES: Record<CodeLanguage, Extension> = {
  python: [python(), indentUnit.of("    ")],
  javascript: [javascript(), indentUnit.of("  ")],
};

const READ_ONLY: Extension = [EditorState.readOnly.of(true), EditorView.editable.of(false)];
const EDITABLE: Extension = [EditorState.readOnly.of(false), EditorView.editable.of(true)];

/**
 * Escape turns on CodeMirror's tab-focus mode for two seconds (until another key is pressed), so the next
 * Tab or Shift+Tab moves focus out of the editor instead of indenting. CodeMirror does this itself only when
 * no key binding handles Escape, and the default keymap's Escape (simplifySelection) handles it whenever
 * text is selected; an observer runs before every key binding, so here Escape always arms it.
 */
const escapeThenTabLeaves = EditorView.domEventObservers({
  keydown(event, view) {
    if (event.key === "Escape" && !event.isComposing) view.setTabFocusMode(TAB_ESCAPE_MS);
  },
});

/** The smallest change turning `from` into `to` (keeps the cursor where the texts agree). */
function diff(from: string, to: string) {
  const max = Math.min(from.length, to.length);
  let start = 0;
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from.charCodeAt(endFrom - 1) === to.charCodeAt(endTo - 1)) {
    endFrom--;
    endTo--;
  }
  return { from: start, to: endFrom, insert: to.slice(start, endTo) };
}

interface Latest {
  value: string;
  onChange: (value: string) => void;
  onRun: (() => void) | undefined;
  language: Extension;
  readOnly: Extension;
  attributes: Extension;
}

/**
 * A CodeMirror 6 code editor for exercises: line numbers, Python or JavaScript highlighting, bracket
 * matching, undo history, auto-indent, Tab indents (Esc then Tab leaves), optional Ctrl+Enter to run.
 * Auto-closing brackets and autocompletion are deliberately off.
 */
export function CodeEditor({
  value,
  onChange,
  language,
  label = "Code",
  id,
  readOnly = false,
  minLines = 8,
  onRun,
}: CodeEditorProps): JSX.Element {
  const autoId = useId();
  const editorId = id ?? `code-editor-${autoId}`;
  const hintId = `${editorId}-hint`;

  const attributes = useMemo(
    () =>
      EditorView.contentAttributes.of({
        id: editorId,
        "aria-label": label,
        "aria-describedby": hintId,
        // Not editable means not focusable: keep it reachable by keyboard to read and scroll it.
        ...(readOnly ? { tabindex: "0" } : {}),
      }),
    [editorId, label, hintId, readOnly],
  );
  const languageExtension = LANGUAGES[language];
  const readOnlyExtension = readOnly ? READ_ONLY : EDITABLE;

  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  /** Texts reported through onChange that the `value` prop may still echo back (oldest first). */
  const emittedRef = useRef<string[]>([]);
  const latestRef = useRef<Latest>({
    value,
    onChange,
    onRun,
    language: languageExtension,
    readOnly: readOnlyExtension,
    attributes,
  });

  // Runs before the effects below, so they (and the editor's callbacks) always see this render's props.
  useLayoutEffect(() => {
    latestRef.current = {
      value,
      onChange,
      onRun,
      language: languageExtension,
      readOnly: readOnlyExtension,
      attributes,
    };
  });

  // Create the editor once per mount (twice under strict mode: the cleanup destroys the first one).
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const latest = latestRef.current;
    const emitted = emittedRef.current;
    const run: Command = () => {
      const handler = latestRef.current.onRun;
      if (!handler) return false;
      handler();
      return true;
    };
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: latest.value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(codeHighlightStyle),
          codeEditorTheme,
          EditorState.tabSize.of(4),
          escapeThenTabLeaves,
          // Above the default keymap, whose Mod-Enter inserts a blank line (still the case without onRun).
          Prec.high(
            keymap.of([
              { key: "Mod-Enter", run },
              { mac: "Ctrl-Enter", run },
            ]),
          ),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          languageSlot.of(latest.language),
          readOnlySlot.of(latest.readOnly),
          attributesSlot.of(latest.attributes),
          EditorView.updateListener.of((update) => {
            if (!update.transactions.some((tr) => tr.docChanged && !tr.annotation(externalChange))) return;
            const text = update.state.doc.toString();
            emitted.push(text);
            if (emitted.length > 50) emitted.shift();
            latestRef.current.onChange(text);
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
      emitted.length = 0;
    };
  }, []);

  // Language, read-only and attribute changes reconfigure the live editor (history and text are kept).
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const effects: StateEffect<unknown>[] = [];
    const sync = (slot: Compartment, extension: Extension) => {
      if (slot.get(view.state) !== extension) effects.push(slot.reconfigure(extension));
    };
    sync(languageSlot, languageExtension);
    sync(readOnlySlot, readOnlyExtension);
    sync(attributesSlot, attributes);
    if (effects.length > 0) view.dispatch({ effects });
  }, [languageExtension, readOnlyExtension, attributes]);

  // A `value` that is not the editor's own text (nor a late echo of it) comes from outside: show it.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const emitted = emittedRef.current;
    const current = view.state.doc.toString();
    if (value === current) {
      emitted.length = 0;
      return;
    }
    const echo = emitted.indexOf(value);
    if (echo >= 0) {
      // The parent is rendering an older onChange while the user has typed on; its next render catches up.
      emitted.splice(0, echo + 1);
      return;
    }
    emitted.length = 0;
    view.dispatch({
      changes: diff(current, value),
      annotations: [externalChange.of(true), isolateHistory.of("full")],
    });
  }, [value]);

  const lines = Number.isFinite(minLines) ? Math.min(MAX_LINES, Math.max(1, Math.round(minLines))) : 8;
  const frameStyle = {
    "--code-editor-min-lines": String(lines),
    // Holds the space before the editor mounts (content min-height plus the 1px borders).
    minHeight: `calc(${lines} * ${LINE_HEIGHT_EM}em + ${2 * CONTENT_PADDING_PX + 2}px)`,
  } as CSSProperties;

  const hint = readOnly
    ? `Read-only.${onRun ? " Ctrl+Enter runs." : ""}`
    : `Tab indents. Press Esc then Tab to leave the editor.${onRun ? " Ctrl+Enter runs." : ""}`;

  return (
    <div className="w-full min-w-0">
      <div
        ref={hostRef}
        style={frameStyle}
        className="w-full min-w-0 overflow-hidden rounded-xl border border-slate-300 bg-white font-mono text-base text-slate-900 shadow-sm contain-inline-size focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600"
      />
      <p id={hintId} className="mt-1.5 text-sm text-slate-600">
        {hint}
      </p>
    </div>
  );
}
