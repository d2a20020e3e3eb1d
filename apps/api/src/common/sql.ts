/** "name contains text", escaped so %, _ typed by a user match themselves; portable to SQLite and MySQL. */
export function containsClause(column: string, param: string, text: string): [string, Record<string, string>] {
  const escaped = text.replace(/[!%_]/g, (ch) => `!${ch}`);
  return [`${column} LIKE :${param} ESCAPE '!'`, { [param]: `%${escaped}%` }];
}
