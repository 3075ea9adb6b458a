// The search index over a real SQLite file, fed as the core feeds it (the replicator applying hub
// events): what finds a request, in which order, and that the index follows every way requests
// and crews are written — events, a crew's new name, a snapshot adopted, the hub state dropped,
// and a database from before the index existed.
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseSearchQuery } from '../../common/domain/search-query';
import { migrate } from '../../main/core/db/migrate';
import { Store } from '../../main/core/db/store';
import { Replicator } from '../../main/core/sync/replicator';
import { categories, crew, district, ev, newRequest, resetSeq } from './fixtures';
import { memoryLogger, tmp } from './helpers';

describe('search index', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  let store: Store;
  let rep: Replicator;
  beforeEach(() => {
    resetSeq();
    store = Store.open(join(t.dir, `q${n++}.db`));
    rep = new Replicator(store, memoryLogger());
    rep.applyEvents([ev('district.configured', { district, categories }), ev('crew.upserted', { crew: { ...crew('c1'), name: 'اکیپ آسفالت — مهدی زارعی' } })]);
    return () => store.close();
  });

  const create = (id: string, over: Parameters<typeof newRequest>[1] = {}) => rep.applyEvents([ev('request.created', { request: newRequest(id, over) })]);
  /** Ids found for `text`, best first (phone matches only when `withPhone`). */
  const find = (text: string, withPhone = true, limit = 50) => {
    const q = parseSearchQuery(text);
    return q ? store.search.search(q, withPhone, limit).map((h) => h.requestId) : [];
  };

  it('finds an address stored in Persian letters by an Arabic-letter spelling, and the other way round', () => {
    create('137-0611-000001', { address: 'شیراز، کوچه علی‌اکبر، پلاک ۱۲' });
    create('137-0611-000002', { address: 'شيراز، خيابان كريمخان زند' });
    create('137-0611-000003', { address: 'بلوار چمران' });
    expect(find('كوچة علي')).toEqual(['137-0611-000001']);
    expect(find('کریمخان')).toEqual(['137-0611-000002']);
    expect(find('پلاك 12')).toEqual(['137-0611-000001']);
  });

  it('finds one phone by 09…, +989…, 989…, Persian digits and its last 4 digits — only for a caller who may see phones', () => {
    create('137-0611-000001', { citizen: { phone: '09121234567' } });
    create('137-0611-000002', { citizen: { phone: '09177654321' } });
    for (const typed of ['09121234567', '+989121234567', '989121234567', '۰۹۱۲ ۱۲۳ ۴۵۶۷', '4567', '0912123']) {
      expect(find(typed), typed).toEqual(['137-0611-000001']);
    }
    expect(find('4567', false)).toEqual([]);
    expect(find('09121234567', false)).toEqual([]);
    expect(find('1234')).toEqual([]); // digits from the middle of a number are not a match
  });

  it('finds a tracking code typed without dashes, in Persian digits or by its last digits; exact and last digits above text and digits inside', () => {
    create('137-0611-004512');
    create('137-0611-045120'); // "4512" inside
    create('137-0611-000009', { address: 'پلاک 4512' });
    create('137-0611-123456');
    expect(find('1370611004512')).toEqual(['137-0611-004512']);
    expect(find('۱۳۷-۰۶۱۱-۰۰۴۵۱۲')).toEqual(['137-0611-004512']);
    expect(find('4512')).toEqual(['137-0611-004512', '137-0611-000009', '137-0611-045120']);
    expect(find('۴۵۱۲', false)).toEqual(['137-0611-004512', '137-0611-000009', '137-0611-045120']);
  });

  it('ranks text by relevance: the request whose fields say it more comes first; limit cuts the rest', () => {
    create('137-0611-000001', { description: 'گزارش شهروند', address: 'بلوار زند، کنار چاله قدیمی' });
    create('137-0611-000002', { description: 'چاله چاله چاله', address: 'چاله' });
    create('137-0611-000003', { description: 'درخت افتاده', address: 'بلوار ارم' });
    expect(find('چاله')).toEqual(['137-0611-000002', '137-0611-000001']);
    expect(find('چاله', true, 1)).toEqual(['137-0611-000002']);
  });

  it('needs every word, and finds words shorter than a trigram too (two letters: newest first; one letter: nothing)', () => {
    create('137-0611-000001', { description: 'نشت آب از لوله', address: 'بلوار زند' });
    create('137-0611-000002', { description: 'آب گرفتگی', address: 'بلوار ارم' });
    create('137-0611-000003', { description: 'درخت', address: 'بلوار ارم' });
    expect(find('آب')).toEqual(['137-0611-000002', '137-0611-000001']);
    expect(find('آب زند')).toEqual(['137-0611-000001']);
    expect(find('بلوار ارم').sort()).toEqual(['137-0611-000002', '137-0611-000003']);
    expect(parseSearchQuery('آ')).toBeNull();
  });

  it('follows updates and assignments, and a crew renamed renames the text of its requests', () => {
    create('137-0611-000001', { address: 'بلوار چمران' });
    rep.applyEvents([ev('request.updated', { id: '137-0611-000001', changes: { address: 'خیابان ستارخان' } })]);
    expect(find('چمران')).toEqual([]);
    expect(find('ستارخان')).toEqual(['137-0611-000001']);
    rep.applyEvents([ev('request.assigned', { id: '137-0611-000001', crewId: 'c1', operatorId: 'op' })]);
    expect(store.search.search(parseSearchQuery('زارعی')!, true, 50)).toMatchObject([{ requestId: '137-0611-000001', doc: { crew: 'اکیپ آسفالت — مهدی زارعی' } }]);
    rep.applyEvents([ev('crew.upserted', { crew: { ...crew('c1'), name: 'اکیپ آسفالت — سعید موسوی' } })]);
    expect(find('زارعی')).toEqual([]);
    expect(find('موسوي')).toEqual(['137-0611-000001']);
    // A request assigned, in the same message, to a crew that message creates gets its name too.
    rep.applyEvents([
      ev('request.created', { request: newRequest('137-0611-000002') }),
      ev('request.assigned', { id: '137-0611-000002', crewId: 'c9', operatorId: 'op' }),
      ev('crew.upserted', { crew: { ...crew('c9'), name: 'اکیپ فضای سبز' } }),
    ]);
    expect(find('فضای سبز')).toEqual(['137-0611-000002']);
  });

  it('matches the adopted requests after a snapshot, and nothing once the hub state is dropped', () => {
    create('137-0611-000001', { address: 'بلوار چمران' });
    const build = rep.beginSnapshot();
    rep.stageSnapshot(build, 40, [
      ev('district.configured', { district, categories }, { seq: 40 }),
      ev('crew.upserted', { crew: { ...crew('c1'), name: 'اکیپ روشنایی' } }, { seq: 40 }),
      ev('request.created', { request: newRequest('137-0611-000040', { address: 'خیابان قصردشت' }) }, { seq: 40 }),
      ev('request.assigned', { id: '137-0611-000040', crewId: 'c1', operatorId: 'op' }, { seq: 40 }),
    ]);
    expect(find('قصردشت')).toEqual([]); // staged, not adopted yet
    expect(find('چمران')).toEqual(['137-0611-000001']);
    rep.commitSnapshot(build, 40, 'hub-b');
    expect(find('چمران')).toEqual([]);
    expect(find('قصردشت')).toEqual(['137-0611-000040']);
    expect(find('روشنایی')).toEqual(['137-0611-000040']);
    expect(find('000040')).toEqual(['137-0611-000040']);
    store.clearHubState();
    expect(find('قصردشت')).toEqual([]);
    expect(find('000040')).toEqual([]);
    expect(store.db.prepare("SELECT count(*) AS n FROM request_fts WHERE request_fts MATCH '\"قصردشت\"'").get()).toEqual({ n: 0 });
  });

  it('merges the small segments single writes leave, a bounded step at a time, and still finds everything', () => {
    for (let i = 1; i <= 300; i++) create(`137-0611-${String(i).padStart(6, '0')}`, { address: `بلوار زند، پلاک ${i}` });
    const segments = () => (store.db.prepare('SELECT count(*) AS n FROM request_fts_idx').get() as { n: number }).n;
    const before = segments();
    for (let i = 0; i < 20; i++) store.search.tidy();
    expect(segments()).toBeLessThan(before);
    expect(find('پلاک 123')).toEqual(['137-0611-000123']);
    expect(find('زند', true, 500)).toHaveLength(300);
  });

  it('is built by the migration for a database of version 5 that already holds requests', () => {
    const path = join(t.dir, 'v5.db');
    const db = new Database(path);
    migrate(db, 5);
    db.prepare("INSERT INTO crews (id, name, contractor_id, categories, status) VALUES ('c1', 'اكيپ فاضلاب', 'ctr', '[]', 'busy')").run();
    const insert = db.prepare(`INSERT INTO requests (id, category, priority, status, description, address, lon, lat, channel, received_at,
      ack_due_at, resolve_due_at, crew_id, updated_at, citizen_phone) VALUES (?, 'sewage', 'normal', ?, ?, ?, 52.5, 29.6, 'phone', ?, 'x', 'x', ?, 'x', ?)`);
    insert.run('137-0611-000001', 'closed', 'بوي فاضلاب', 'كوچه ۷', '2026-06-11T08:00:00.000Z', 'c1', '+989171112233');
    insert.run('137-0611-000002', 'new', 'چاله', 'بلوار زند', '2026-06-11T09:00:00.000Z', null, null);
    db.close();
    const migrated = Store.open(path);
    try {
      const q = (text: string) => migrated.search.search(parseSearchQuery(text)!, true, 50).map((h) => h.requestId);
      expect(q('بوی فاضلاب')).toEqual(['137-0611-000001']);
      expect(q('کوچه 7')).toEqual(['137-0611-000001']);
      expect(q('اکیپ فاضلاب')).toEqual(['137-0611-000001']);
      expect(q('2233')).toEqual(['137-0611-000001']);
      expect(q('000002')).toEqual(['137-0611-000002']);
      expect(q('زند')).toEqual(['137-0611-000002']);
    } finally {
      migrated.close();
    }
  });
});
