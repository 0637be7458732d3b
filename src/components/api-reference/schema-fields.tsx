import { DataTable } from "@/components/ui/data-table";

/**
 * JSON Schema (as the OpenAPI document carries it, draft 2020-12 from zod) rendered as a table of fields a person
 * reads: one row per property, nested objects and arrays of objects flattened with dotted names.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
};

interface Row {
  name: string;
  depth: number;
  type: string;
  required: boolean;
  notes: string[];
}

const MAX_DEPTH = 4;

/** The non-null alternatives of a schema (zod writes `x | null` as anyOf with { type: "null" }). */
function variants(s: JsonSchema): { options: JsonSchema[]; nullable: boolean } {
  const list = s.anyOf ?? s.oneOf;
  if (!list) return { options: [s], nullable: Array.isArray(s.type) && s.type.includes("null") };
  const options = list.filter((v) => v.type !== "null");
  return { options, nullable: options.length < list.length };
}

function range(rawMin?: number, rawMax?: number, unit = ""): string | null {
  // zod writes every integer's safe range: not worth a note.
  const min = rawMin !== undefined && rawMin > Number.MIN_SAFE_INTEGER ? rawMin : undefined;
  const max = rawMax !== undefined && rawMax < Number.MAX_SAFE_INTEGER ? rawMax : undefined;
  if (min === undefined && max === undefined) return null;
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  return min !== undefined ? `at least ${min}${unit}` : `at most ${max}${unit}`;
}

export function typeLabel(s: JsonSchema): string {
  if (s.$ref) return s.$ref.split("/").pop() ?? "object";
  const { options, nullable } = variants(s);
  const label = options
    .map((o) => {
      if (o.const !== undefined) return JSON.stringify(o.const);
      if (o.enum) return o.enum.map((v) => JSON.stringify(v)).join(" | ");
      const type = Array.isArray(o.type) ? o.type.filter((t) => t !== "null").join(" | ") : o.type;
      if (type === "array") return `array of ${o.items ? typeLabel(o.items) : "anything"}`;
      if (type === "string" && o.format) return `string (${o.format})`;
      if (!type) return o.properties ? "object" : "any";
      return type;
    })
    .join(" or ");
  return nullable ? `${label} or null` : label;
}

function notesOf(s: JsonSchema): string[] {
  const { options } = variants(s);
  const notes: string[] = [];
  for (const o of options) {
    if (o.description) notes.push(o.description);
    const n = range(o.minimum, o.maximum);
    if (n) notes.push(n);
    const len = range(o.minLength, o.maxLength, " characters");
    if (len) notes.push(len);
    const items = range(o.minItems, o.maxItems, " items");
    if (items) notes.push(items);
    if (o.pattern) notes.push(`pattern ${o.pattern}`);
  }
  if (s.description && !notes.includes(s.description)) notes.unshift(s.description);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes;
}

/** The object a schema describes at this level (an object, or the objects of an array). */
function objectOf(s: JsonSchema): JsonSchema | null {
  const { options } = variants(s);
  for (const o of options) {
    if (o.properties) return o;
    if (o.items) {
      const inner = objectOf(o.items);
      if (inner) return inner;
    }
  }
  return null;
}

function collect(s: JsonSchema, prefix: string, depth: number, rows: Row[]) {
  const obj = objectOf(s);
  if (!obj?.properties || depth > MAX_DEPTH) return;
  const required = new Set(obj.required ?? []);
  for (const [name, prop] of Object.entries(obj.properties)) {
    const full = prefix ? `${prefix}.${name}` : name;
    rows.push({
      name: full,
      depth,
      type: typeLabel(prop),
      required: required.has(name),
      notes: notesOf(prop),
    });
    const isArray = variants(prop).options.some((o) => o.type === "array");
    collect(prop, isArray ? `${full}[]` : full, depth + 1, rows);
  }
}

export function fieldRows(schema: JsonSchema): Row[] {
  const rows: Row[] = [];
  collect(schema, "", 0, rows);
  return rows;
}

export function SchemaFields({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const rows = fieldRows(schema);
  if (rows.length === 0) {
    return <p className="text-sm text-slate-600">{typeLabel(schema)}</p>;
  }
  return (
    <DataTable
      caption={caption}
      scrollable
      className="rounded-lg"
      rows={rows}
      rowKey={(r) => r.name}
      columns={[
        {
          header: "Field",
          rowHeader: true,
          className: "font-normal",
          cell: (r) => (
            <>
              <code className="break-words font-mono text-xs text-slate-900">{r.name}</code>
              {r.required ? <span className="ml-1 text-xs text-red-700">required</span> : null}
            </>
          ),
        },
        { header: "Type", className: "font-mono text-xs text-slate-700", cell: (r) => r.type },
        { header: "Notes", className: "text-xs text-slate-600", cell: (r) => r.notes.join("; ") },
      ]}
    />
  );
}
