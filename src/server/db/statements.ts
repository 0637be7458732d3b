import type { Db } from "./types";

/**
 * A statement built by Drizzle once per database handle instead of once per call: for the hottest fixed-shape
 * queries, where building the SQL from the query builder cost more than PostgreSQL took to run it. `build`
 * returns a Drizzle prepared query (`.prepare(name)` with `sql.placeholder`s); on PostgreSQL its name is also a
 * named prepared statement on each connection (docs/decisions.md, "Prepared statements").
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<object, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
