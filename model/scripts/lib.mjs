// Shared helpers for the reference scripts: model loading and backend selection.
// The basic-pitch weights come from the installed npm package; nothing is downloaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Folder of this script. */
export const scriptsDir = dirname(fileURLToPath(import.meta.url));
/** The `model/` folder (holds package.json and node_modules). */
export const modelPackageDir = dirname(scriptsDir);
/** The repository root. */
export const repoRoot = dirname(modelPackageDir);
/** Folder holding model.json and group1-shard1of1.bin. */
export const weightsDir = join(modelPackageDir, 'node_modules', '@spotify', 'basic-pitch', 'model');

// CommonJS builds, so that this script and @spotify/basic-pitch share one tfjs instance.
export const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');

/** Sample rate the model expects. */
export const SAMPLE_RATE = 22050;
/** Samples per model window (2 s minus one hop). */
export const WINDOW_SAMPLES = 43844;

/**
 * Selects the tfjs backend ('wasm' or 'cpu') and waits until it is ready.
 * @param {string} name
 */
export async function useBackend(name) {
  if (name === 'wasm') {
    const distDir = join(modelPackageDir, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/';
    wasm.setWasmPaths(distDir);
  } else if (name !== 'cpu') {
    throw new Error(`unknown backend '${name}' (use wasm or cpu)`);
  }
  const ok = await tf.setBackend(name);
  if (!ok) {
    throw new Error(`tfjs backend '${name}' failed to initialise`);
  }
  await tf.ready();
  if (tf.getBackend() !== name) {
    throw new Error(`asked for backend '${name}' but tfjs uses '${tf.getBackend()}'`);
  }
}

/** Reads model.json and its weight shard from disk and builds the graph model. */
export async function loadModel() {
  const json = JSON.parse(readFileSync(join(weightsDir, 'model.json'), 'utf8'));
  const weightSpecs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      buffers.push(readFileSync(join(weightsDir, p)));
    }
  }
  const joined = Buffer.concat(buffers);
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      weightSpecs,
      weightData,
    }),
  );
}

/** Versions of the packages in use, for the record. */
export function versions() {
  return {
    tfjs: require('@tensorflow/tfjs/package.json').version,
    tfjsBackendWasm: require('@tensorflow/tfjs-backend-wasm/package.json').version,
    basicPitch: require('@spotify/basic-pitch/package.json').version,
    node: process.version,
  };
}
