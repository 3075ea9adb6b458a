// Both shells' CSP forbids eval, so zod cannot compile its parsers in the renderer; told so, it
// stops probing with `new Function`, which the browser would report as a CSP violation. Zod reads
// this when each schema is built, so this module must be evaluated before any schema module:
// ./index.ts imports it first, and the entry imports ./index.ts first.
import { z } from 'zod';

z.config({ jitless: true });
