// The shipped entry: the transport the shell provides (Electron IPC or the web shell's WebSocket).
// ./api must stay the first import: it configures zod for the shells' no-eval CSP before any
// schema module is evaluated.
import { getApiClient } from './api';
import { boot } from './boot';

boot(getApiClient());
