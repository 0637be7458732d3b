import { HighlightStyle } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

/**
 * The code editor's look: a light theme in the site's slate/brand palette and a highlight style whose every
 * token colour keeps at least 4.5:1 contrast (WCAG AA) on white, on the focused active line (brand-50,
 * #eef2ff), on selected text (indigo-200, #c7d2fe) and on the matching-bracket marks (emerald-100/red-100).
 *
 * Sizes are relative: the font size comes from the editor's container (16px on a phone so iOS does not zoom
 * in on focus, 14px from `sm` up) and one line is 1.5em. The container sets `--code-editor-min-lines`; the
 * editor grows with its content up to MAX_LINES lines and then scrolls. Lines never wrap: long lines scroll
 * sideways inside the editor.
 */

export const LINE_HEIGHT_EM = 1.5;
/** Vertical padding of the content, top and bottom, in px. */
export const CONTENT_PADDING_PX = 8;
export const MAX_LINES = 28;

const height = (lines: string) => `calc(${lines} * ${LINE_HEIGHT_EM}em + ${2 * CONTENT_PADDING_PX}px)`;

// Tailwind v3 hex values (the same hues as the site's Tailwind v4 palette).
const slate50 = "#f8fafc";
const slate200 = "#e2e8f0";
const slate600 = "#475569";
const slate700 = "#334155";
const slate900 = "#0f172a";
const brand50 = "#eef2ff";
const indigo200 = "#c7d2fe";

export const codeEditorTheme = EditorView.theme(
  {
    "&": {
      color: slate900,
      backgroundColor: "#ffffff",
      fontSize: "inherit",
    },
    // The container draws the focus ring (focus-within); CodeMirror's dotted outline would double it.
    "&.cm-focused": { outline: "none" },
    ".cm-scroller": {
      fontFamily: "inherit",
      lineHeight: String(LINE_HEIGHT_EM),
      overflow: "auto",
      maxHeight: height(String(MAX_LINES)),
      overscrollBehaviorX: "contain",
    },
    ".cm-content, .cm-gutter": {
      minHeight: height(`var(--code-editor-min-lines, 8)`),
    },
    ".cm-content": {
      padding: `${CONTENT_PADDING_PX}px 0`,
      caretColor: slate900,
    },
    ".cm-line": { padding: "0 12px 0 8px" },
    ".cm-line::selection, .cm-line ::selection": { backgroundColor: indigo200 },
    ".cm-gutters": {
      backgroundColor: slate50,
      color: slate600,
      borderRight: `1px solid ${slate200}`,
    },
    ".cm-lineNumbers .cm-gutterElement": { padding: "0 8px 0 12px", minWidth: "2ch" },
    ".cm-activeLine": { backgroundColor: "transparent" },
    ".cm-activeLineGutter": { backgroundColor: "transparent" },
    "&.cm-focused .cm-activeLine": { backgroundColor: brand50 },
    "&.cm-focused .cm-activeLineGutter": { backgroundColor: brand50, color: slate900 },
    "&.cm-focused .cm-matchingBracket": {
      backgroundColor: "#d1fae5",
      outline: "1px solid #059669",
      borderRadius: "2px",
    },
    "&.cm-focused .cm-nonmatchingBracket": {
      backgroundColor: "#fee2e2",
      color: "#991b1b",
      outline: "1px solid #dc2626",
      borderRadius: "2px",
    },
    ".cm-specialChar": { color: "#991b1b" },
  },
  { dark: false },
);

/** Token colours (Tailwind 700/800 shades), each at least 4.5:1 on every background listed above. */
export const codeHighlightStyle = HighlightStyle.define([
  {
    tag: [
      t.keyword,
      t.controlKeyword,
      t.definitionKeyword,
      t.moduleKeyword,
      t.operatorKeyword,
      t.modifier,
      t.self,
    ],
    color: "#7e22ce", // purple-700
  },
  { tag: [t.string, t.character], color: "#166534" }, // green-800
  { tag: [t.special(t.string), t.escape], color: "#065f46" }, // emerald-800
  { tag: t.regexp, color: "#9f1239" }, // rose-800
  { tag: [t.number, t.bool, t.null, t.atom, t.labelName], color: "#9a3412" }, // orange-800
  {
    tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))],
    color: "#1e40af", // blue-800
  },
  { tag: [t.className, t.typeName, t.namespace, t.definition(t.className)], color: "#155e75" }, // cyan-800
  { tag: [t.meta, t.annotation], color: "#9d174d" }, // pink-800 (decorators)
  { tag: t.comment, color: slate600, fontStyle: "italic" },
  { tag: [t.operator, t.derefOperator], color: slate700 },
  { tag: [t.punctuation, t.separator, t.bracket], color: slate600 },
  { tag: t.invalid, color: "#991b1b", textDecoration: "underline wavy" }, // red-800
  { tag: t.link, textDecoration: "underline" },
  { tag: t.heading, fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strong, fontWeight: "bold" },
]);
