// Generates the golden outputs of the raw basic-pitch graph for a few synthetic
// input windows, so the C# port can be checked against the reference network.
//
//   node model/scripts/golden.mjs [OUT_DIR]
//
// OUT_DIR defaults to tests/Transcription.Tests/TestData. Writes golden-windows.bin
// (little-endian float32, tensors one after another) and golden-windows.json (layout).
// The input signals are generated here from a seeded PRNG, so a rerun gives the same
// inputs; outputs are computed with the wasm backend and compared with the cpu backend.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SAMPLE_RATE, WINDOW_SAMPLES, loadModel, repoRoot, tf, useBackend, versions } from './lib.mjs';

const outDir = process.argv[2] ?? join(repoRoot, 'tests', 'Transcription.Tests', 'TestData');

/** mulberry32: small deterministic 32-bit PRNG returning floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples from a uniform source (Box-Muller). */
function gaussian(rand) {
  let spare = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

const midiToHz = (m) => 440 * 2 ** ((m - 69) / 12);

/**
 * Adds a decaying tone with harmonics to buf (float64).
 * @param {Float64Array} buf
 * @param {object} o start (s), dur (s), f0 (Hz), amp, decay (1/s), harmonics, inharm, vibratoHz, vibratoCents, attack (s)
 */
function addTone(buf, o) {
  const {
    start, dur, f0, amp, decay = 3, harmonics = 8, inharm = 0, vibratoHz = 0, vibratoCents = 0,
    attack = 0.004, rolloff = 1, seedPhase = 0,
  } = o;
  const s0 = Math.round(start * SAMPLE_RATE);
  const n = Math.min(buf.length - s0, Math.round(dur * SAMPLE_RATE));
  const release = Math.round(0.03 * SAMPLE_RATE);
  for (let h = 1; h <= harmonics; h++) {
    const fh = f0 * h * Math.sqrt(1 + inharm * h * h);
    if (fh >= SAMPLE_RATE / 2 - 500) break;
    const ah = amp / h ** rolloff;
    const dh = decay * (1 + 0.35 * (h - 1)); // upper partials die faster
    let phase = seedPhase * h;
    for (let i = 0; i < n; i++) {
      const t = i / SAMPLE_RATE;
      const vib = vibratoHz > 0 ? 2 ** ((vibratoCents / 1200) * Math.sin(2 * Math.PI * vibratoHz * t)) : 1;
      phase += (2 * Math.PI * fh * vib) / SAMPLE_RATE;
      let env = Math.exp(-dh * t) * Math.min(1, t / attack);
      if (i > n - release) env *= (n - i) / release;
      buf[s0 + i] += ah * env * Math.sin(phase);
    }
  }
}

/** (a) Piano-like chords: C major then A minor with a bass note, slight inharmonicity. */
function pianoChord() {
  const buf = new Float64Array(WINDOW_SAMPLES);
  for (const m of [48, 60, 64, 67, 72]) {
    addTone(buf, { start: 0.08, dur: 1.0, f0: midiToHz(m), amp: 0.09, decay: 2.2, harmonics: 10, inharm: 0.0004, rolloff: 1.2, seedPhase: m * 0.37 });
  }
  for (const m of [45, 57, 60, 64, 69]) {
    addTone(buf, { start: 1.1, dur: 0.88, f0: midiToHz(m), amp: 0.09, decay: 2.2, harmonics: 10, inharm: 0.0004, rolloff: 1.2, seedPhase: m * 0.51 });
  }
  return buf;
}

/** (b) Plucked melody with vibrato: eight notes, 0.24 s apart, some overlapping. */
function pluckedMelody() {
  const buf = new Float64Array(WINDOW_SAMPLES);
  const notes = [67, 69, 71, 74, 72, 71, 69, 76];
  notes.forEach((m, k) => {
    addTone(buf, {
      start: 0.05 + 0.24 * k, dur: 0.42, f0: midiToHz(m), amp: 0.25, decay: 5, harmonics: 12,
      rolloff: 1.6, vibratoHz: 5.5, vibratoCents: 25, attack: 0.002, seedPhase: k,
    });
  });
  return buf;
}

/** (c) Low bass notes under white noise (seeded). */
function bassAndNoise() {
  const buf = new Float64Array(WINDOW_SAMPLES);
  const bass = [[28, 0.0], [33, 0.5], [38, 1.0], [31, 1.5]];
  for (const [m, start] of bass) {
    addTone(buf, { start, dur: 0.48, f0: midiToHz(m), amp: 0.3, decay: 1.5, harmonics: 12, rolloff: 0.9, attack: 0.01, seedPhase: m });
  }
  const g = gaussian(prng(20220404));
  for (let i = 0; i < buf.length; i++) buf[i] += 0.03 * g();
  return buf;
}

/** (d) Near silence: faint noise and a single click at 1.0 s. */
function clickInSilence() {
  const buf = new Float64Array(WINDOW_SAMPLES);
  const g = gaussian(prng(7));
  for (let i = 0; i < buf.length; i++) buf[i] = 1e-4 * g();
  const c = Math.round(1.0 * SAMPLE_RATE);
  buf[c] += 0.8;
  buf[c + 1] -= 0.5;
  buf[c + 2] += 0.2;
  return buf;
}

const windows = [
  { name: 'piano-chords', make: pianoChord, description: 'C major then A minor five-note chords with harmonics, inharmonicity and decay' },
  { name: 'plucked-melody', make: pluckedMelody, description: 'eight plucked tones 0.24 s apart with 5.5 Hz, 25-cent vibrato' },
  { name: 'bass-noise', make: bassAndNoise, description: 'MIDI 28/33/38/31 bass tones under white noise (sigma 0.03, seed 20220404)' },
  { name: 'click-silence', make: clickInSilence, description: 'noise at 1e-4 (seed 7) and a three-sample click at 1.0 s' },
];

const count = windows.length;
const inputs = new Float32Array(count * WINDOW_SAMPLES);
windows.forEach((w, i) => {
  const sig = w.make();
  for (let k = 0; k < WINDOW_SAMPLES; k++) inputs[i * WINDOW_SAMPLES + k] = sig[k];
});

const OUTPUT_NAMES = ['Identity', 'Identity_1', 'Identity_2'];

async function run(backend) {
  await useBackend(backend);
  const model = await loadModel();
  const x = tf.tensor3d(inputs, [count, WINDOW_SAMPLES, 1]);
  const t0 = performance.now();
  const outs = model.execute(x, OUTPUT_NAMES);
  const data = [];
  for (const o of outs) data.push({ shape: o.shape, values: await o.data() });
  const ms = performance.now() - t0;
  tf.dispose([x, ...outs]);
  model.dispose();
  return { data, ms };
}

const wasmRun = await run('wasm');
const cpuRun = await run('cpu');
const diffs = {};
OUTPUT_NAMES.forEach((name, j) => {
  const a = wasmRun.data[j].values;
  const b = cpuRun.data[j].values;
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] - b[k]));
  diffs[name] = max;
});
console.error(`wasm ${wasmRun.ms.toFixed(0)} ms, cpu ${cpuRun.ms.toFixed(0)} ms for ${count} windows`);
console.error(`max |wasm - cpu|: ${JSON.stringify(diffs)}`);

// Per-window summary, so a reader can see each window exercises something.
const stats = windows.map((w, i) => {
  const s = { name: w.name };
  OUTPUT_NAMES.forEach((name, j) => {
    const { shape, values } = wasmRun.data[j];
    const per = shape[1] * shape[2];
    let max = 0;
    let over = 0;
    for (let k = i * per; k < (i + 1) * per; k++) {
      max = Math.max(max, values[k]);
      if (values[k] > 0.5) over++;
    }
    s[name] = { max: Number(max.toFixed(4)), over05: over };
  });
  return s;
});
for (const s of stats) console.error(JSON.stringify(s));

// Layout: inputs, then each output tensor, each contiguous row-major [window, ...].
const tensors = [
  { name: 'input', meaning: 'audio window, 22050 Hz mono', shape: [count, WINDOW_SAMPLES, 1], values: inputs },
  { name: 'Identity', meaning: 'contours', shape: wasmRun.data[0].shape, values: wasmRun.data[0].values },
  { name: 'Identity_1', meaning: 'notes (frames)', shape: wasmRun.data[1].shape, values: wasmRun.data[1].values },
  { name: 'Identity_2', meaning: 'onsets', shape: wasmRun.data[2].shape, values: wasmRun.data[2].values },
];
let offset = 0;
const layout = tensors.map((t) => {
  const length = t.values.length;
  const entry = { name: t.name, meaning: t.meaning, shape: t.shape, offsetBytes: offset, lengthFloats: length };
  offset += length * 4;
  return entry;
});
const bin = Buffer.alloc(offset);
tensors.forEach((t, i) => {
  const base = layout[i].offsetBytes;
  for (let k = 0; k < t.values.length; k++) bin.writeFloatLE(t.values[k], base + 4 * k);
});

mkdirSync(outDir, { recursive: true });
const binPath = join(outDir, 'golden-windows.bin');
writeFileSync(binPath, bin);
const sidecar = {
  file: 'golden-windows.bin',
  format: 'little-endian float32, tensors stored one after another, each row-major (C order)',
  count,
  sampleRate: SAMPLE_RATE,
  windowSamples: WINDOW_SAMPLES,
  windows: windows.map((w, i) => ({ index: i, name: w.name, description: w.description, summary: stats[i] })),
  tensors: layout,
  totalBytes: offset,
  backend: 'wasm',
  batch: count,
  maxAbsDiffWasmVsCpu: diffs,
  versions: versions(),
  command: 'node model/scripts/golden.mjs',
  modelWeights: 'model/node_modules/@spotify/basic-pitch/model (model.json + group1-shard1of1.bin)',
};
writeFileSync(join(outDir, 'golden-windows.json'), JSON.stringify(sidecar, null, 2) + '\n');
console.error(`wrote ${relative(process.cwd(), binPath)} (${offset} bytes)`);
