// Writes every alert sound as a WAV file, for listening to them outside the console:
// `npm run sounds -- <directory>`. The console synthesises the same samples itself
// (renderer/src/alerts/tones.ts); these files are for review only and are never committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SOUND_KINDS, synthesize } from '../renderer/src/alerts/tones';

const RATE = 44_100;

/** 16-bit PCM mono WAV: the RIFF header, then the samples. */
function wav(samples: Float32Array, rate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2));
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16); // fmt chunk size
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28); // bytes per second
  head.writeUInt16LE(2, 32); // bytes per frame
  head.writeUInt16LE(16, 34); // bits per sample
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run sounds -- <directory>');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const kind of SOUND_KINDS) {
  const file = path.join(dir, `${kind}.wav`);
  const samples = synthesize(kind, RATE);
  writeFileSync(file, wav(samples, RATE));
  console.log(`${file}: ${Math.round((samples.length / RATE) * 1000)} ms`);
}
