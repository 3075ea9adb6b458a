// Builds the test-only harness page with the renderer's own config, into a temp directory.
import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';
import rendererConfig from '../../../renderer/vite.config';

export function harnessConfig(outDir: string): UserConfig {
  return mergeConfig(rendererConfig as UserConfig, {
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
}
