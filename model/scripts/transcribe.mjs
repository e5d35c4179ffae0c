// Reference transcription with the npm package @spotify/basic-pitch, for F1 comparisons
// and benchmarks against the C# engine.
//
//   node model/scripts/transcribe.mjs IN.wav OUT.json [--backend wasm|cpu] [--min-note-len 11]
//
// IN.wav: 16/24/32-bit PCM or 32/64-bit float, mono or stereo (channels are averaged),
// exactly 22050 Hz (other rates are refused: no resampling here, so both sides see the
// same samples). Post-processing uses basic-pitch's Python defaults: onset 0.5, frame 0.3,
// minimum note length 11 frames, inferred onsets, melodia trick, energy tolerance 11.
// Timings go to stderr and into the JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SAMPLE_RATE, loadModel, tf, useBackend } from './lib.mjs';

const require = createRequire(import.meta.url);
const { BasicPitch, outputToNotesPoly, addPitchBendsToNoteEvents, noteFramesToTime } = require('@spotify/basic-pitch');

const ONSET_THRESHOLD = 0.5;
const FRAME_THRESHOLD = 0.3;
const ENERGY_TOLERANCE = 11;

function usage(message) {
  if (message) console.error(`error: ${message}`);
  console.error('usage: node model/scripts/transcribe.mjs IN.wav OUT.json [--backend wasm|cpu] [--min-note-len 11]');
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  const opts = { backend: 'wasm', minNoteLen: 11 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--backend') {
      opts.backend = argv[++i];
      if (opts.backend !== 'wasm' && opts.backend !== 'cpu') usage(`unknown backend '${opts.backend}'`);
    } else if (a === '--min-note-len') {
      opts.minNoteLen = Number(argv[++i]);
      if (!Number.isInteger(opts.minNoteLen) || opts.minNoteLen < 0) usage('--min-note-len needs a non-negative integer');
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('--')) {
      usage(`unknown option '${a}'`);
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 2) usage('need IN.wav and OUT.json');
  return { input: positional[0], output: positional[1], ...opts };
}

/** Reads a RIFF/WAVE file into mono float32 samples. */
function readWav(path) {
  const buf = readFileSync(path);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${path}: not a RIFF/WAVE file`);
  }
  let fmt = null;
  let data = null;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    let size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'data' && (size === 0xffffffff || body + size > buf.length)) size = buf.length - body; // streamed/truncated
    if (id === 'fmt ') {
      let format = buf.readUInt16LE(body);
      const channels = buf.readUInt16LE(body + 2);
      const rate = buf.readUInt32LE(body + 4);
      const blockAlign = buf.readUInt16LE(body + 12);
      const bits = buf.readUInt16LE(body + 14);
      if (format === 0xfffe && size >= 40) format = buf.readUInt16LE(body + 24); // WAVE_FORMAT_EXTENSIBLE sub-format
      fmt = { format, channels, rate, blockAlign, bits };
    } else if (id === 'data') {
      data = buf.subarray(body, body + size);
    }
    pos = body + size + (size & 1);
  }
  if (!fmt) throw new Error(`${path}: no fmt chunk`);
  if (!data) throw new Error(`${path}: no data chunk`);
  const { format, channels, rate, blockAlign, bits } = fmt;
  if (rate !== SAMPLE_RATE) {
    throw new Error(`${path}: sample rate ${rate} Hz; this script needs ${SAMPLE_RATE} Hz (render or convert the clip first)`);
  }
  if (channels < 1) throw new Error(`${path}: no channels`);
  const bytes = bits / 8;
  let read;
  if (format === 1 && bits === 16) read = (o) => data.readInt16LE(o) / 32768;
  else if (format === 1 && bits === 24) read = (o) => data.readIntLE(o, 3) / 8388608;
  else if (format === 1 && bits === 32) read = (o) => data.readInt32LE(o) / 2147483648;
  else if (format === 1 && bits === 8) read = (o) => (data.readUInt8(o) - 128) / 128;
  else if (format === 3 && bits === 32) read = (o) => data.readFloatLE(o);
  else if (format === 3 && bits === 64) read = (o) => data.readDoubleLE(o);
  else throw new Error(`${path}: unsupported WAV encoding (format ${format}, ${bits} bits)`);
  const frames = Math.floor(data.length / blockAlign);
  const mono = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(i * blockAlign + c * bytes);
    mono[i] = sum / channels;
  }
  return { samples: mono, channels, bits, format };
}

const args = parseArgs(process.argv.slice(2));
const wav = readWav(args.input);
const audioSeconds = wav.samples.length / SAMPLE_RATE;

let t = performance.now();
await useBackend(args.backend);
const model = await loadModel();
const modelLoadMs = performance.now() - t;

t = performance.now();
const basicPitch = new BasicPitch(Promise.resolve(model));
const frames = [];
const onsets = [];
const contours = [];
await basicPitch.evaluateModel(
  wav.samples,
  (f, o, c) => {
    frames.push(...f);
    onsets.push(...o);
    contours.push(...c);
  },
  () => {},
);
const inferenceMs = performance.now() - t;

t = performance.now();
const noteEvents = outputToNotesPoly(
  frames,
  onsets,
  ONSET_THRESHOLD,
  FRAME_THRESHOLD,
  args.minNoteLen,
  true, // inferOnsets
  null, // maxFreq
  null, // minFreq
  true, // melodiaTrick
  ENERGY_TOLERANCE,
);
const timed = noteFramesToTime(addPitchBendsToNoteEvents(contours, noteEvents));
const notes = timed
  .map((n) => ({
    start: n.startTimeSeconds,
    end: n.startTimeSeconds + n.durationSeconds,
    pitch: n.pitchMidi,
    amplitude: n.amplitude,
    pitchBends: n.pitchBends ?? [],
  }))
  .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
const postMs = performance.now() - t;

const result = {
  notes,
  audioSeconds,
  frameCount: frames.length,
  modelLoadMs,
  inferenceMs,
  postMs,
  backend: tf.getBackend(),
  settings: {
    onsetThreshold: ONSET_THRESHOLD,
    frameThreshold: FRAME_THRESHOLD,
    minNoteLen: args.minNoteLen,
    inferOnsets: true,
    melodiaTrick: true,
    energyTolerance: ENERGY_TOLERANCE,
  },
};
writeFileSync(args.output, JSON.stringify(result) + '\n');
const rtf = inferenceMs / 1000 / audioSeconds;
console.error(
  `${args.input}: ${audioSeconds.toFixed(2)} s audio, ${notes.length} notes; backend ${result.backend}; ` +
    `load ${modelLoadMs.toFixed(0)} ms, inference ${inferenceMs.toFixed(0)} ms (RTF ${rtf.toFixed(3)}), post ${postMs.toFixed(0)} ms`,
);
