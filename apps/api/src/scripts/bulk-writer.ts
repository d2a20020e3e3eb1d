import { DataSource } from 'typeorm';

/**
 * Multi-row INSERTs in chunks, each chunk in one statement: the fast path on both SQLite and MySQL.
 * `add` buffers rows per table and writes them when a chunk is full; `flush` writes the rest.
 */
export class BulkWriter {
  private readonly buffers = new Map<string, { columns: string[]; rows: unknown[][] }>();

  constructor(
    private readonly db: DataSource,
    /** Rows per statement; SQLite allows 32766 parameters, MySQL 65535. */
    private readonly chunk = 1000,
  ) {}

  async insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    const perStatement = Math.max(1, Math.min(this.chunk, Math.floor(30000 / columns.length)));
    for (let i = 0; i < rows.length; i += perStatement) {
      const slice = rows.slice(i, i + perStatement);
      const placeholders = slice.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
      const quoted = columns.map((c) => this.db.driver.escape(c)).join(', ');
      await this.db.query(`INSERT INTO ${this.db.driver.escape(table)} (${quoted}) VALUES ${placeholders}`, slice.flat());
    }
  }

  async add(table: string, columns: string[], row: unknown[]): Promise<void> {
    let buffer = this.buffers.get(table);
    if (!buffer) this.buffers.set(table, (buffer = { columns, rows: [] }));
    buffer.rows.push(row);
    if (buffer.rows.length >= this.chunk) {
      const rows = buffer.rows;
      buffer.rows = [];
      await this.insert(table, columns, rows);
    }
  }

  async flush(): Promise<void> {
    for (const [table, buffer] of this.buffers) {
      if (buffer.rows.length) await this.insert(table, buffer.columns, buffer.rows);
      buffer.rows = [];
    }
  }
}
