// Reference data the hub configures (hub-derived): the district, its categories, the contractors.
// The district and each category are kept whole, as the JSON document the hub sent.
import type { Category, District } from '../../../common/protocol/hub-protocol';
import type { Connection } from './connection';
import { json, Table } from './table';

export interface ContractorRow {
  id: string;
  name: string;
  phone: string | null;
  categories: string[];
}

const CONTRACTORS = new Table<ContractorRow>('contractors', { id: 'id', name: 'name', phone: 'phone', categories: json('categories') });

export class ReferenceStore {
  constructor(private readonly c: Connection) {}

  district(): District | null {
    const r = this.c.st('SELECT json FROM district LIMIT 1').get() as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as District) : null;
  }

  putDistrict(d: District): void {
    this.c.st('DELETE FROM district').run();
    this.c.st('INSERT INTO district (id, json) VALUES (?, ?)').run(d.id, JSON.stringify(d));
  }

  categories(): Category[] {
    return (this.c.st('SELECT json FROM categories ORDER BY position').all() as { json: string }[]).map((r) => JSON.parse(r.json));
  }

  replaceCategories(cs: Category[]): void {
    this.c.st('DELETE FROM categories').run();
    const ins = this.c.st('INSERT OR REPLACE INTO categories (code, position, json) VALUES (?, ?, ?)');
    cs.forEach((c, i) => ins.run(c.code, i, JSON.stringify(c)));
  }

  contractors(): ContractorRow[] {
    return CONTRACTORS.all(this.c.st(`${CONTRACTORS.select} ORDER BY id`).all());
  }

  putContractor(c: ContractorRow): void {
    this.c.st(CONTRACTORS.replace).run(c.id, c.name, c.phone, JSON.stringify(c.categories));
  }
}
