// Inside Electron: the preload's bridge already speaks the transport's language over IPC; this
// only adapts its names. Payload validation stays in the client (common/api/rpc.ts).
import type { Console137Bridge } from '../../../common/api/bridge';
import type { ApiTransport } from '../../../common/api/rpc';

export function createIpcTransport(bridge: Console137Bridge): ApiTransport {
  return {
    call: (call) => bridge.call(call),
    listen: (name, onPayload) => bridge.subscribe(name, onPayload),
  };
}
