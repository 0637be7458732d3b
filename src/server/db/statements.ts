import { Column, is, SQL } from "drizzle-orm";
import type { Db } from "./types";

/**
 * A statement built by Drizzle once per database handle instead of once per call: for the hottest fixed-shape
 * queries, where building the SQL from the query builder cost more than PostgreSQL took to run it. `build`
 * returns a Drizzle prepared query (`.prepare(name)` with `sql.placeholder`s); on PostgreSQL its name is also a
 * named prepared statement on each connection (docs/decisions.md, "Prepared statements"). Its rows are mapped
 * by a mapper made once for the statement (`compiledRowMapper`).
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<object, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      useCompiledRowMapper(statement);
      built.set(db, statement);
    }
    return statement;
  };
}

type Field = { path: string[]; field: unknown };
type Decoder = { mapFromDriverValue(value: unknown): unknown };
/** The parts of a Drizzle prepared query (node-postgres and PGlite alike) the mapper needs. */
type PreparedShape = {
  fields?: Field[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
};

/** The decoder Drizzle's own mapResultRow picks for a field (`decoder` is internal to Drizzle's types). */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  const sqlOf = (s: SQL) => (s as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL)) return sqlOf(field);
  if (is(field, SQL.Aliased)) return sqlOf(field.sql);
  return sqlOf((field as { _: { sql: SQL } })._.sql);
}

const identity = (value: unknown) => value;

/**
 * Drizzle maps every row by asking, for every column of every row, what kind of field it is and where it goes
 * (a tenth of a catalog request's time). For a statement whose shape is fixed, that is decided once: the same
 * decoders and paths, applied to each row. Statements that select nested objects from nullable (outer) joins
 * keep Drizzle's own mapping, which turns an all-null joined object into null.
 */
export function compiledRowMapper(fields: Field[], joinsNotNullableMap?: Record<string, boolean>) {
  const outerJoins = Object.values(joinsNotNullableMap ?? {}).some((notNull) => !notNull);
  if (outerJoins && fields.some((f) => f.path.length > 1)) return undefined;
  const decode = fields.map(({ field }) => {
    const decoder = decoderOf(field);
    return decoder.mapFromDriverValue === Column.prototype.mapFromDriverValue
      ? identity
      : (value: unknown) => decoder.mapFromDriverValue(value);
  });
  const paths = fields.map((f) => f.path);
  return (rows: unknown[][]) =>
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i]!;
        const raw = row[i];
        const value = raw === null ? null : decode[i]!(raw);
        let node = out;
        for (let p = 0; p < path.length - 1; p++) {
          node = (node[path[p]!] ??= {}) as Record<string, unknown>;
        }
        node[path[path.length - 1]!] = value;
      }
      return out;
    });
}

function useCompiledRowMapper(statement: unknown) {
  const q = statement as PreparedShape;
  if (!q || typeof q !== "object" || !Array.isArray(q.fields) || q.customResultMapper) return;
  const mapper = compiledRowMapper(q.fields, q.joinsNotNullableMap);
  if (mapper) q.customResultMapper = mapper;
}
