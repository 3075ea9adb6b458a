// The core's API over IPC. Like VS Code's validatedIpcMain, a message is answered only when it
// comes from the main frame of one of our own app:// pages — not from an iframe, and not from a
// page that somehow navigated elsewhere. Calls go through the contract's dispatcher (which
// validates every input); subscriptions are pushed with webContents.send.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CHANNELS } from '../../common/api/bridge';
import type { SubscriptionName } from '../../common/api/contract';
import { dispatch, isSubscriptionName, type ApiHandlers, type ApiResult } from '../../common/api/rpc';
import { isAppUrl } from './app-origin';

const REFUSED: ApiResult = { ok: false, error: { code: 'bad_call', message: 'refused: not sent by the console page' } };

/** Starts answering; returns the function that stops it and drops every subscription. */
export function serveApiOverIpc(handlers: ApiHandlers, log: (line: string) => void): () => void {
  const subscriptions = new Map<WebContents, Map<SubscriptionName, () => void>>();

  function trusted(event: IpcMainEvent | IpcMainInvokeEvent, channel: string): boolean {
    const frame = event.senderFrame;
    if (frame && frame.parent === null && isAppUrl(frame.url)) return true;
    log(`refused IPC on ${channel} from ${frame ? (frame.parent ? 'a subframe' : frame.url) : 'a frame that is gone'}`);
    return false;
  }

  function dropAll(contents: WebContents): void {
    for (const off of subscriptions.get(contents)?.values() ?? []) off();
    subscriptions.delete(contents);
  }

  ipcMain.handle(IPC_CHANNELS.call, (event, call: unknown) =>
    trusted(event, IPC_CHANNELS.call) ? dispatch(handlers, call) : REFUSED,
  );

  // Idempotent per page and name: a reloaded page re-subscribes into the subscription it already has.
  ipcMain.on(IPC_CHANNELS.subscribe, (event, name: unknown) => {
    if (!trusted(event, IPC_CHANNELS.subscribe) || typeof name !== 'string' || !isSubscriptionName(name)) return;
    const contents = event.sender;
    let mine = subscriptions.get(contents);
    if (!mine) {
      mine = new Map();
      subscriptions.set(contents, mine);
      contents.once('destroyed', () => dropAll(contents));
    }
    if (mine.has(name)) return;
    mine.set(
      name,
      handlers.subscribe(name, (payload) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, name, payload);
      }),
    );
  });

  ipcMain.on(IPC_CHANNELS.unsubscribe, (event, name: unknown) => {
    if (!trusted(event, IPC_CHANNELS.unsubscribe) || typeof name !== 'string' || !isSubscriptionName(name)) return;
    const mine = subscriptions.get(event.sender);
    mine?.get(name)?.();
    mine?.delete(name);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeAllListeners(IPC_CHANNELS.subscribe);
    ipcMain.removeAllListeners(IPC_CHANNELS.unsubscribe);
    for (const contents of [...subscriptions.keys()]) dropAll(contents);
  };
}
