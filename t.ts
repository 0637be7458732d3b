import { PGlite } from "@electric-sql/pglite";
(async () => {
  const a = new PGlite();
  await a.query("create table x(i int)");
  for (const comp of ["none", "gzip", "auto"] as const) {
    const dump = await a.dumpDataDir(comp);
    const b = new PGlite({ loadDataDir: dump });
    const r = await b.query("select count(*) from pg_tables where tablename='x'");
    const buf = Buffer.from(await dump.arrayBuffer());
    const c = new PGlite({ loadDataDir: new Blob([buf]) });
    const r2 = await c.query("select count(*) from pg_tables where tablename='x'");
    console.log(comp, dump.size, dump.type, r.rows, r2.rows);
  }
})();
