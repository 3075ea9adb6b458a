import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeConfig, loadConfig } from '../../main/core/config';
import { tmp } from './helpers';

describe('config', () => {
  const t = tmp('c137-config-');
  afterAll(() => t.cleanup());
  let n = 0;
  const userDir = (file?: unknown) => {
    const dir = join(t.dir, `u${n++}`);
    mkdirSync(dir, { recursive: true });
    if (file !== undefined) writeFileSync(join(dir, 'console137.json'), typeof file === 'string' ? file : JSON.stringify(file));
    return dir;
  };

  it('takes flags over env over the config file over defaults', () => {
    const dir = userDir({ hubUrl: 'http://file:1', districtId: 'f', token: 'file-token', operatorId: 'op-file' });
    const env = { C137_DISTRICT: 'e', C137_TOKEN: 'env-token' };
    const c = loadConfig({ argv: ['--district', 'flag', '--operator=op-flag'], env, userDataDir: dir });
    expect(c).toMatchObject({ hubUrl: 'http://file:1', districtId: 'flag', token: 'env-token', operatorId: 'op-flag', dataDir: join(dir, 'data') });
  });

  it('creates a console id once and keeps it in the data dir', () => {
    const dir = userDir();
    const argv = ['--hub', 'http://127.0.0.1:1', '--district', '6', '--token', 't', '--data-dir', join(dir, 'd')];
    const a = loadConfig({ argv, env: {}, userDataDir: dir });
    const b = loadConfig({ argv, env: {}, userDataDir: dir });
    expect(a.consoleId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.consoleId).toBe(a.consoleId);
    expect(readFileSync(join(dir, 'd', 'console-id'), 'utf8').trim()).toBe(a.consoleId);
  });

  it('names what is missing and rejects a malformed config file or URL', () => {
    expect(() => loadConfig({ argv: [], env: {}, userDataDir: userDir() })).toThrow(/missing hubUrl, districtId, token .*--hub \/ C137_HUB_URL/);
    expect(() => loadConfig({ argv: [], env: {}, userDataDir: userDir('{oops') })).toThrow(/console137.json is not valid JSON/);
    expect(() => loadConfig({ argv: [], env: {}, userDataDir: userDir({ token: 5 }) })).toThrow(/malformed: token/);
    expect(() => loadConfig({ argv: ['--hub', 'ftp://x', '--district', '6', '--token', 't'], env: {}, userDataDir: userDir() })).toThrow(/http/);
    expect(() => loadConfig({ argv: ['--hub'], env: {}, userDataDir: userDir() })).toThrow(/--hub needs a value/);
  });

  it('never puts the token in its description', () => {
    const c = loadConfig({ argv: ['--hub', 'http://u:pw@127.0.0.1:9', '--district', '6', '--token', 's3cr3t-token'], env: {}, userDataDir: userDir() });
    const d = describeConfig(c);
    expect(d).not.toContain('s3cr3t');
    expect(d).not.toContain('pw@');
    expect(d).toContain('district=6');
  });
});
