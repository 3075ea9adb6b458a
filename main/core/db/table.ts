// The one row-mapping style of the data layer: each field of a row type names the column that
// holds it, and SELECTs alias the columns to the field names, so better-sqlite3 returns the object
// itself rather than a row to copy field by field (measured as fast as a hand-written copy; see
// commit 310b1d7). Columns holding JSON or a 0/1 flag are marked; only those fields are decoded
// after the read, in place.

/** A field's column: its name, or its name and how its value is stored. */
type Column = string | { column: string; stored: 'json' | 'flag' };

export const json = (column: string): Column => ({ column, stored: 'json' });
export const flag = (column: string): Column => ({ column, stored: 'flag' });

type Row = Record<string, unknown>;

export class Table<T> {
  /** `SELECT <every field, aliased> FROM <table>`, to complete with WHERE / ORDER BY. */
  readonly select: string;
  /** The fields, and (same order) their columns: what an INSERT binds. */
  readonly fields: readonly string[];
  readonly columns: readonly string[];
  /** `INSERT OR REPLACE` of a whole row, bound positionally in field order. */
  readonly replace: string;
  private readonly jsonFields: string[] = [];
  private readonly flagFields: string[] = [];

  constructor(name: string, cols: Record<keyof T & string, Column>) {
    const entries = Object.entries<Column>(cols);
    this.fields = entries.map(([f]) => f);
    this.columns = entries.map(([, c]) => (typeof c === 'string' ? c : c.column));
    for (const [f, c] of entries) {
      if (typeof c !== 'string') (c.stored === 'json' ? this.jsonFields : this.flagFields).push(f);
    }
    const list = this.fields.map((f, i) => (f === this.columns[i] ? f : `${this.columns[i]} AS ${f}`));
    this.select = `SELECT ${list.join(', ')} FROM ${name}`;
    this.replace = `INSERT OR REPLACE INTO ${name} (${this.columns.join(', ')}) VALUES (${this.columns.map(() => '?').join(', ')})`;
  }

  /** The row a `.get()` of `select` returned, as T (null when there was none). */
  one(row: unknown): T | null {
    return row === undefined ? null : this.decode(row as Row);
  }

  /** The rows an `.all()` of `select` returned, as T. */
  all(rows: unknown[]): T[] {
    if (this.jsonFields.length || this.flagFields.length) for (const r of rows) this.decode(r as Row);
    return rows as T[];
  }

  private decode(r: Row): T {
    for (const f of this.jsonFields) r[f] = JSON.parse(r[f] as string);
    for (const f of this.flagFields) r[f] = r[f] === 1;
    return r as T;
  }
}
