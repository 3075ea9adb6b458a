// The renderer's one way to the core. Inside Electron the preload has put the bridge on
// `window.console137`; in a browser the page came from the loopback web shell, whose WebSocket
// is on the same host. Nothing else in the renderer knows or cares which it got.
import './zod-jitless';
import { WS_PATH } from '../../../common/api/bridge';
import { createApiClient, type ApiClient } from '../../../common/api/rpc';
import { createIpcTransport } from './ipc-transport';
import { createWsTransport } from './ws-transport';

let client: ApiClient | undefined;

export function getApiClient(): ApiClient {
  client ??= createApiClient(window.console137 ? createIpcTransport(window.console137) : webShellTransport());
  return client;
}

function webShellTransport() {
  forgetTokenInAddressBar();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsTransport(`${scheme}//${location.host}${WS_PATH}`);
}

/** The token has become a cookie by now; keep it out of the address bar, history and bookmarks. */
function forgetTokenInAddressBar(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url);
}
