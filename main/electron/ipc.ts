// The core's API over IPC. Like VS Code's validatedIpcMain, a message is answered only when it
// comes from the main frame of one of our own app:// pages — not from an iframe, and not from a
// page that somehow navigated elsewhere. Calls go through the contract's dispatcher (which
// validates every input); subscriptions are pushed with webContents.send. Each window is a session
// opened as a workstation or a wall (`open`): its calls carry that caller, and people sign in on a
// workstation window, so a workstation and a wall window of one process get what each may.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CHANNELS } from '../../common/api/bridge';
import type { Access, SubscriptionName } from '../../common/api/contract';
import { dispatch, isSubscriptionName, subscribeAs, type ApiHandlers, type ApiResult, type Caller } from '../../common/api/rpc';
import { isAppUrl } from './app-origin';

const REFUSED: ApiResult = { ok: false, error: { code: 'bad_call', message: 'refused: not sent by the console page' } };

export interface IpcApi {
  /** Make `contents` (a window we created) a session of `access`, until it is destroyed. */
  open(contents: WebContents, access: Access): void;
  /** Stop answering and drop every subscription. */
  stop(): void;
}

export function serveApiOverIpc(handlers: ApiHandlers, log: (line: string) => void): IpcApi {
  const subscriptions = new Map<WebContents, Map<SubscriptionName, () => void>>();
  const callers = new Map<WebContents, Caller>();

  /** Whether a message comes from the main frame of an app:// page in a window we opened a session for. */
  function trusted(event: IpcMainEvent | IpcMainInvokeEvent, channel: string): boolean {
    const frame = event.senderFrame;
    const session = callers.has(event.sender);
    if (frame && frame.parent === null && isAppUrl(frame.url) && session) return true;
    const from = !frame ? 'a frame that is gone' : frame.parent ? 'a subframe' : session ? frame.url : 'a window with no session';
    log(`refused IPC on ${channel} from ${from}`);
    return false;
  }

  /** The session of a message that `trusted` let through. */
  function callerOf(event: IpcMainEvent | IpcMainInvokeEvent): Caller {
    const caller = callers.get(event.sender);
    if (!caller) throw new Error('IPC message from a window with no session');
    return caller;
  }

  function dropAll(contents: WebContents): void {
    for (const off of subscriptions.get(contents)?.values() ?? []) off();
    subscriptions.delete(contents);
  }

  ipcMain.handle(IPC_CHANNELS.call, (event, call: unknown) =>
    trusted(event, IPC_CHANNELS.call) ? dispatch(handlers, call, callerOf(event)) : REFUSED,
  );

  // Idempotent per page and name: a reloaded page re-subscribes into the subscription it already has.
  ipcMain.on(IPC_CHANNELS.subscribe, (event, name: unknown) => {
    if (!trusted(event, IPC_CHANNELS.subscribe) || typeof name !== 'string' || !isSubscriptionName(name)) return;
    const caller = callerOf(event);
    const contents = event.sender;
    let mine = subscriptions.get(contents);
    if (!mine) {
      mine = new Map();
      subscriptions.set(contents, mine);
    }
    if (mine.has(name)) return;
    const sub = subscribeAs(handlers, name, caller, (payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, name, payload);
    });
    if (sub.ok) mine.set(name, sub.unsubscribe);
    else log(`refused subscription "${name}" for ${caller.session}: ${sub.error.message}`);
  });

  ipcMain.on(IPC_CHANNELS.unsubscribe, (event, name: unknown) => {
    if (!trusted(event, IPC_CHANNELS.unsubscribe) || typeof name !== 'string' || !isSubscriptionName(name)) return;
    const mine = subscriptions.get(event.sender);
    mine?.get(name)?.();
    mine?.delete(name);
  });

  return {
    open(contents, access) {
      callers.set(contents, { access, session: `window:${contents.id}` });
      contents.once('destroyed', () => {
        dropAll(contents);
        callers.delete(contents);
      });
    },
    stop() {
      ipcMain.removeHandler(IPC_CHANNELS.call);
      ipcMain.removeAllListeners(IPC_CHANNELS.subscribe);
      ipcMain.removeAllListeners(IPC_CHANNELS.unsubscribe);
      for (const contents of [...subscriptions.keys()]) dropAll(contents);
    },
  };
}
