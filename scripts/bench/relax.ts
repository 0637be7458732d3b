import type pg from "pg";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops a table's secondary indexes, foreign keys and the unique/primary keys no foreign key depends on, and
 * returns the statements that put them back exactly as they were (pg_get_constraintdef / pg_get_indexdef).
 * For bulk loads inside one transaction: building an index once over the loaded rows is several times
 * faster than maintaining it row by row, and re-adding a foreign key checks all rows in one join.
 * Check constraints stay (they cost little and catch a wrong row at once).
 */
export async function relaxTable(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows: constraints } = await client.query<{ name: string; type: string; def: string }>(
    `SELECT c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c
     WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u', 'f')
       AND NOT (c.contype IN ('p', 'u') AND EXISTS (
         SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.conindid = c.conindid))
     ORDER BY c.contype = 'f' DESC, c.conname`,
    [table],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
     ORDER BY ic.relname`,
    [table],
  );
  for (const c of constraints)
    await client.query(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(c.name)}`);
  for (const i of indexes) await client.query(`DROP INDEX ${ident(i.name)}`);
  const add = (c: { name: string; def: string }) =>
    `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(c.name)} ${c.def}`;
  return [
    ...constraints.filter((c) => c.type !== "f").map(add),
    ...indexes.map((i) => i.def),
    ...constraints.filter((c) => c.type === "f").map(add),
  ];
}
