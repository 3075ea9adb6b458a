// Transport-neutral plumbing for the API contract: the wire shapes both transports carry, the
// core-side dispatcher (validates inputs) and the renderer-side client (validates outputs).
import { z } from 'zod';
import { api, type Access, type Api, type CommandName, type QueryName, type SubscriptionName } from './contract';
import { summarise } from '../protocol/hub-protocol';

export type QueryInput<K extends QueryName> = z.input<Api['queries'][K]['input']>;
export type QueryOutput<K extends QueryName> = z.infer<Api['queries'][K]['output']>;
export type CommandInput<K extends CommandName> = z.input<Api['commands'][K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<Api['commands'][K]['output']>;
export type SubscriptionPayload<K extends SubscriptionName> = z.infer<Api['subscriptions'][K]>;

/** One request over a transport. */
export const ApiCall = z.object({
  kind: z.enum(['query', 'command']),
  name: z.string().max(64),
  input: z.unknown(),
});
export type ApiCall = z.infer<typeof ApiCall>;

export type ApiErrorCode = 'bad_call' | 'invalid_input' | 'forbidden' | 'not_found' | 'unavailable' | 'internal';

/**
 * Who is calling, as the transport knows it: the Electron window or the web shell's WebSocket
 * connection the call came through, and what its credential opened (a workstation or the wall).
 * It travels with every call; the core knows who signed in on that session (main/core/sessions.ts)
 * and its policy (main/core/policy.ts) alone decides what the session may use and see.
 */
export interface Caller {
  readonly access: Access;
  /** The transport's session: `window:<id>` or `ws:<n>`; stable for the page's lifetime. */
  readonly session: string;
}
export type ApiResult = { ok: true; value: unknown } | { ok: false; error: { code: ApiErrorCode; message: string } };

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the core implements: one function per query and command, already-validated inputs, and the caller. */
export type ApiHandlers = {
  queries: {
    [K in QueryName]: (input: z.infer<Api['queries'][K]['input']>, caller: Caller) => QueryOutput<K> | Promise<QueryOutput<K>>;
  };
  commands: {
    [K in CommandName]: (input: z.infer<Api['commands'][K]['input']>, caller: Caller) => CommandOutput<K> | Promise<CommandOutput<K>>;
  };
  /** Register a listener for a subscription; returns the unsubscribe function. */
  subscribe<K extends SubscriptionName>(name: K, listener: (payload: SubscriptionPayload<K>) => void, caller: Caller): () => void;
};

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Core side of every transport: check the call against the contract, run it as `caller`, never throw. */
export async function dispatch(handlers: ApiHandlers, raw: unknown, caller: Caller): Promise<ApiResult> {
  const call = ApiCall.safeParse(raw);
  if (!call.success) return fail('bad_call', summarise(call.error));
  const { kind, name, input } = call.data;
  const table = kind === 'query' ? api.queries : api.commands;
  if (!has(table, name)) return fail('bad_call', `unknown ${kind} "${name}"`);
  const spec = (table as Record<string, { input: z.ZodType }>)[name];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) return fail('invalid_input', summarise(parsed.error));
  try {
    const fn = (kind === 'query' ? handlers.queries : handlers.commands) as Record<string, (i: unknown, c: Caller) => unknown>;
    return { ok: true, value: await fn[name](parsed.data, caller) };
  } catch (err) {
    return failure(err);
  }
}

/**
 * Core side of a transport's subscribe (the transport has checked the name, which it needs for
 * unsubscribe too): the listener is registered, or the policy's refusal is returned to report.
 */
export function subscribeAs(
  handlers: ApiHandlers,
  name: SubscriptionName,
  caller: Caller,
  listener: (payload: unknown) => void,
): { ok: true; unsubscribe: () => void } | Extract<ApiResult, { ok: false }> {
  try {
    return { ok: true, unsubscribe: handlers.subscribe(name, listener, caller) };
  } catch (err) {
    return failure(err);
  }
}

function failure(err: unknown): Extract<ApiResult, { ok: false }> {
  if (err instanceof ApiError) return fail(err.code, err.message);
  return fail('internal', err instanceof Error ? err.message : String(err));
}

function fail(code: ApiErrorCode, message: string): Extract<ApiResult, { ok: false }> {
  return { ok: false, error: { code, message } };
}

export function isSubscriptionName(name: string): name is SubscriptionName {
  return has(api.subscriptions, name);
}

/** What a transport must offer the renderer-side client. */
export interface ApiTransport {
  call(call: ApiCall): Promise<ApiResult>;
  /** Start delivering a subscription's payloads; returns the unsubscribe function. */
  listen(name: SubscriptionName, onPayload: (payload: unknown) => void): () => void;
}

/** The renderer's typed client; it never knows which transport carries it. */
export interface ApiClient {
  query<K extends QueryName>(name: K, input: QueryInput<K>): Promise<QueryOutput<K>>;
  command<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  subscribe<K extends SubscriptionName>(
    name: K,
    listener: (payload: SubscriptionPayload<K>) => void,
    onInvalid?: (message: string) => void,
  ): () => void;
}

export function createApiClient(transport: ApiTransport): ApiClient {
  async function run(kind: 'query' | 'command', name: string, input: unknown, output: z.ZodType): Promise<never> {
    const result = await transport.call({ kind, name, input });
    if (!result.ok) throw new ApiError(result.error.code, result.error.message);
    const parsed = output.safeParse(result.value);
    if (!parsed.success) throw new ApiError('internal', `core answered ${name} off-contract: ${summarise(parsed.error)}`);
    return parsed.data as never;
  }
  return {
    query: (name, input) => run('query', name, input, api.queries[name].output),
    command: (name, input) => run('command', name, input, api.commands[name].output),
    subscribe(name, listener, onInvalid) {
      const schema = api.subscriptions[name];
      return transport.listen(name, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as SubscriptionPayload<typeof name>);
        else onInvalid?.(`${name}: ${summarise(parsed.error)}`);
      });
    },
  };
}
