// The sandboxed preload: exposes `window.console137` (call, subscribe) and nothing else. It can
// only use the IPC channels of IPC_CHANNELS; no ipcRenderer, no Node, no electron object leaks to
// the page. Bundled to CommonJS (dist/preload/preload.cjs): sandboxed preloads cannot load ESM.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, IPC_CHANNELS, listenerRegistry, type Console137Bridge } from '../common/api/bridge';
import type { ApiResult } from '../common/api/rpc';

const listeners = listenerRegistry<string>({
  first: (name) => ipcRenderer.send(IPC_CHANNELS.subscribe, name),
  last: (name) => ipcRenderer.send(IPC_CHANNELS.unsubscribe, name),
});

ipcRenderer.on(IPC_CHANNELS.event, (_event, name: unknown, payload: unknown) => {
  if (typeof name === 'string') listeners.deliver(name, payload);
});

const bridge: Console137Bridge = {
  call: (call) => ipcRenderer.invoke(IPC_CHANNELS.call, call) as Promise<ApiResult>,
  subscribe(name, onPayload) {
    if (typeof name !== 'string' || typeof onPayload !== 'function') throw new TypeError('subscribe(name, listener)');
    return listeners.add(name, onPayload);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
