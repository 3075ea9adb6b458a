// Where the core gets its settings. Precedence: CLI flags > environment > config file
// <userDataDir>/console137.json > defaults. The token is a secret: describeConfig() is the only
// form of a config that may reach a log.
import { randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from '../../common/domain/retention';
import { Id } from '../../common/protocol/hub-protocol';
import { createPrivateDir, createPrivateFile } from './data-dir';
import { withDatabaseErrors } from './db/errors';

export interface CoreConfig {
  hubUrl: string;
  districtId: string;
  token: string;
  dataDir: string;
  /** The headless CLIs' operator id at the hub; a signed-in person's commands carry their own username. */
  operatorId: string;
  consoleId: string;
  /** A signed-in session with no keystroke or click for this long is locked (default 15). */
  idleLockMinutes?: number;
  /** Citizens' names and phones are erased from requests closed longer ago than this (default 90). */
  retentionDays?: number;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const CONFIG_FILE_NAME = 'console137.json';
const CONSOLE_ID_FILE = 'console-id';

type Settings = Partial<Record<'hubUrl' | 'districtId' | 'token' | 'dataDir' | 'operatorId' | 'idleLockMinutes' | 'retentionDays', string>>;

const FLAGS: Record<string, keyof Settings> = {
  '--hub': 'hubUrl',
  '--district': 'districtId',
  '--token': 'token',
  '--data-dir': 'dataDir',
  '--operator': 'operatorId',
  '--idle-lock-minutes': 'idleLockMinutes',
  '--retention-days': 'retentionDays',
};
const ENV: Record<string, keyof Settings> = {
  C137_HUB_URL: 'hubUrl',
  C137_DISTRICT: 'districtId',
  C137_TOKEN: 'token',
  C137_DATA_DIR: 'dataDir',
  C137_OPERATOR: 'operatorId',
  C137_IDLE_LOCK_MINUTES: 'idleLockMinutes',
  C137_RETENTION_DAYS: 'retentionDays',
};

const FileSettings = z
  .object({
    hubUrl: z.string(),
    districtId: z.string(),
    token: z.string(),
    dataDir: z.string(),
    operatorId: z.string(),
    idleLockMinutes: z.number().transform(String),
    retentionDays: z.number().transform(String),
  })
  .partial();

/** Read `--flag value` and `--flag=value` pairs; flags we do not know are left to the caller. */
export function parseFlags(argv: string[], known: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(name in known)) continue;
    const value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new ConfigError(`${name} needs a value`);
    if (eq < 0) i++;
    out[known[name]] = value;
  }
  return out;
}

function readConfigFile(path: string): Settings {
  if (!existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = FileSettings.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`config file ${path} is malformed: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function envSettings(env: NodeJS.ProcessEnv): Settings {
  const out: Settings = {};
  for (const [name, key] of Object.entries(ENV)) if (env[name]) out[key] = env[name];
  return out;
}

function defaultOperator(): string {
  try {
    return userInfo().username.slice(0, 64) || 'operator';
  } catch {
    return 'operator';
  }
}

/** The stable id of this install (§2), created on first start and kept in the (private) data directory. */
export function ensureConsoleId(dataDir: string): string {
  const path = join(dataDir, CONSOLE_ID_FILE);
  // The first file written in a new data directory: a read-only or full disk is told here, not as a stack.
  return withDatabaseErrors(path, () => {
    createPrivateDir(dataDir);
    if (existsSync(path)) {
      const id = readFileSync(path, 'utf8').trim();
      if (Id.safeParse(id).success && id) return id;
      throw new ConfigError(`${path} does not hold a console id; delete it to make a new one`);
    }
    const id = randomUUID();
    createPrivateFile(path, id + '\n');
    return id;
  });
}

export function loadConfig(o: { argv: string[]; env: NodeJS.ProcessEnv; userDataDir: string }): CoreConfig {
  const file = readConfigFile(join(o.userDataDir, CONFIG_FILE_NAME));
  const s: Settings = { ...file, ...envSettings(o.env), ...parseFlags(o.argv, FLAGS) };
  const missing = (['hubUrl', 'districtId', 'token'] as const).filter((k) => !s[k]);
  if (missing.length) {
    const how = missing.map((k) => `${flagOf(k)} / ${envOf(k)}`).join(', ');
    throw new ConfigError(`missing ${missing.join(', ')} (set ${how}, or put it in ${join(o.userDataDir, CONFIG_FILE_NAME)})`);
  }
  const hubUrl = checkHubUrl(s.hubUrl!);
  for (const k of ['districtId', 'operatorId'] as const) {
    if (s[k] !== undefined && !Id.safeParse(s[k]).success) throw new ConfigError(`${k} must be at most 64 characters`);
  }
  const dataDir = resolve(s.dataDir || join(o.userDataDir, 'data'));
  return {
    hubUrl,
    districtId: s.districtId!,
    token: s.token!,
    dataDir,
    operatorId: s.operatorId || defaultOperator(),
    consoleId: ensureConsoleId(dataDir),
    // Minutes may be a fraction (a test's few seconds); 24 h at most: a lock that never comes is none.
    idleLockMinutes: numberSetting(s.idleLockMinutes, 'idleLockMinutes', { min: 0.05, max: 1440, integer: false }) ?? DEFAULT_IDLE_LOCK_MINUTES,
    retentionDays: numberSetting(s.retentionDays, 'retentionDays', { min: 1, max: 3650, integer: true }) ?? DEFAULT_RETENTION_DAYS,
  };
}

function numberSetting(raw: string | undefined, key: keyof Settings, r: { min: number; max: number; integer: boolean }): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < r.min || n > r.max || (r.integer && !Number.isInteger(n))) {
    throw new ConfigError(`${key} must be ${r.integer ? 'a whole number' : 'a number'} from ${r.min} to ${r.max}, not "${raw}"`);
  }
  return n;
}

function checkHubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`hub URL "${redactUrl(raw)}" is not a URL`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new ConfigError(`hub URL must start with http(s):// or ws(s)://, not ${url.protocol}`);
  }
  return raw.replace(/\/+$/, '');
}

const flagOf = (k: keyof Settings) => Object.keys(FLAGS).find((f) => FLAGS[f] === k)!;
const envOf = (k: keyof Settings) => Object.keys(ENV).find((e) => ENV[e] === k)!;

/** Strip any user:password part of a URL so it can be logged. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, '//***@');
}

/** A one-line description for logs; the token is never part of it. */
export function describeConfig(c: CoreConfig): string {
  return `hub=${redactUrl(c.hubUrl)} district=${c.districtId} operator=${c.operatorId} console=${c.consoleId} dataDir=${c.dataDir} idleLock=${c.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES}min retention=${c.retentionDays ?? DEFAULT_RETENTION_DAYS}d token=(set)`;
}
