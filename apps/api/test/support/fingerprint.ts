import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * A digest of every business table's rows: equal before and after means nothing changed. Sessions are left out
 * (signing in is allowed to create them).
 */
export async function fingerprint(db: DataSource, skip: string[] = ['auth_session']): Promise<Record<string, string>> {
  const tables = db.entityMetadatas.filter((m) => !skip.includes(m.tableName)).sort((a, b) => a.tableName.localeCompare(b.tableName));
  const result: Record<string, string> = {};
  for (const meta of tables) {
    const table = meta.tableName;
    const order = meta.primaryColumns.map((c) => db.driver.escape(c.databaseName)).join(', ');
    const rows = await db.query(`SELECT * FROM ${db.driver.escape(table)} ORDER BY ${order}`);
    result[table] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return result;
}
