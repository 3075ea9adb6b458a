// The `search` query through the core's own handlers, fed by the reference hub: open and closed
// requests of the whole history, the optimistic state of a pending command, which field matched,
// phones found only for callers who may see them and never returned, and who may search at all.
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../common/api/rpc';
import { caughtUp, configFor, startTestCore, testHub, tmp } from './helpers';

const t = tmp('c137-search-');
afterAll(() => t.cleanup());

describe('search query', () => {
  it('finds open and closed requests with their optimistic state and the field that matched; phones never leave the core', async () => {
    const hub = await testHub();
    const open = hub.control.createRequest({ address: 'شیراز، کوچه علی‌اکبر', citizen: { phone: '09171234567' } });
    const closed = hub.control.createRequest({ address: 'شیراز، بلوار زند', description: 'درخت افتاده' });
    expect(hub.control.applyAsActor({ type: 'request.close', data: { id: closed.id, resolution: 'resolved' } })).toMatchObject({ ok: true });
    const tc = await startTestCore(configFor(hub.url, t.data('op')));
    await caughtUp(tc, hub);
    const search = (text: string) => tc.core.handlers.queries.search({ text }, tc.caller);

    await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: open.id } }, tc.caller);
    expect((await search('كوچه علي')).hits).toEqual([
      { request: expect.objectContaining({ id: open.id, status: 'acknowledged', pendingCommands: 1 }), matched: ['address'] },
    ]);
    expect((await search('درخت')).hits).toEqual([{ request: expect.objectContaining({ id: closed.id, status: 'closed' }), matched: ['description'] }]);
    expect((await search(closed.id.slice(-6))).hits.map((h) => [h.request.id, h.matched])).toEqual([[closed.id, ['code']]]);
    const byPhone = await search('+98 917 123 4567');
    expect(byPhone.hits.map((h) => [h.request.id, h.matched])).toEqual([[open.id, ['phone']]]);
    expect(JSON.stringify(byPhone)).not.toContain('4567');
    expect((await search('ش')).hits).toEqual([]); // one letter: too short to search
  });

  it('is refused to a wall display, and a text over 200 characters is refused at the boundary', async () => {
    const hub = await testHub();
    const wall = await startTestCore(configFor(hub.url, t.data('wall')), 'wall');
    const call = (text: string) => ({ kind: 'query', name: 'search', input: { text } });
    expect(await dispatch(wall.core.handlers, call('زند'), wall.caller)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const op = await startTestCore(configFor(hub.url, t.data('op2')));
    expect(await dispatch(op.core.handlers, call('ز'.repeat(201)), op.caller)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(op.core.handlers, call('زند'), op.caller)).toEqual({ ok: true, value: { hits: [] } });
  });
});
