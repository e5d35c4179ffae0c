#!/usr/bin/env node
// Loads MusicXML / alphaTex files into alphaTab 1.8 inside headless Chromium and prints one JSON line per file
// with what alphaTab read (tracks, staves, bars, notes, tuning, tempo) and whether it rendered.
//
// Usage: node alphatab-check.mjs FILE [FILE...]
//   .musicxml/.xml -> MusicXML importer, .alphatex/.atex -> AlphaTexImporter.
// Exit code: 0 every file loaded and rendered; 1 at least one did not; 2 usage or browser/server failure.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), ALPHATAB_CHECK_TIMEOUT_MS (per file, default 30000),
//   ALPHATAB_CHECK_SCREENSHOT_DIR (if set, a PNG of each rendered file is written there, for a human to look at).

import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const distDir = join(here, 'node_modules', '@coderline', 'alphatab', 'dist');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const timeoutMs = Number(process.env.ALPHATAB_CHECK_TIMEOUT_MS || 30000);
const screenshotDir = process.env.ALPHATAB_CHECK_SCREENSHOT_DIR || '';

// Flags that keep Chromium from reaching out to the network or a GPU; the sandbox is off because tests run as root.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

const pageHtml = `<!doctype html>
<html><head><meta charset="utf-8"><title>alphaTab check</title>
<style>body { margin: 0; } #host > div { width: 1200px; }</style>
<script src="/alphatab/alphaTab.js"></script>
</head><body><div id="host"></div><script src="/check.js"></script></body></html>`;

// Runs inside the page: parse with the importer (precise errors), then render with AlphaTabApi to SVG.
const pageScript = `
'use strict';
function settingsJson() {
  return {
    core: {
      engine: 'svg',
      useWorkers: false,
      enableLazyLoading: false,
      logLevel: 'warning',
      fontDirectory: location.origin + '/alphatab/font/',
      scriptFile: location.origin + '/alphatab/alphaTab.js',
    },
    player: { playerMode: 'disabled' },
  };
}

function lineCol(text, pos) {
  let line = 1, col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\\n') { line++; col = 1; } else { col++; }
  }
  return 'line ' + line + ', column ' + col;
}

function describeError(e) {
  const parts = [];
  for (let cur = e, depth = 0; cur && depth < 5; cur = cur.cause, depth++) {
    let msg = (cur && cur.message) ? String(cur.message) : String(cur);
    if (cur && typeof cur.pos === 'number' && typeof cur.xml === 'string') msg += ' at ' + lineCol(cur.xml, cur.pos);
    if (!parts.includes(msg)) parts.push(msg);
  }
  return parts.join(': ');
}

function diagnosticText(d) {
  const where = d.start ? 'line ' + d.start.line + ', column ' + d.start.col + ': ' : '';
  return where + 'AT' + d.code + ' ' + d.message;
}

function texDiagnostics(importer, severity) {
  const out = [];
  for (const bag of [importer.lexerDiagnostics, importer.parserDiagnostics, importer.semanticDiagnostics]) {
    if (!bag) continue;
    for (const d of bag.items) if (d.severity === severity) out.push(diagnosticText(d));
  }
  return out;
}

// The MusicXML importer is not exported on its own; ScoreLoader would hide its error behind
// "No compatible importer found", so pick it from the importer list by name.
function importMusicXml(bytes, settings) {
  const importer = alphaTab.Environment.buildImporters().find(i => i.name === 'MusicXML');
  if (!importer) throw new Error('alphaTab has no MusicXML importer');
  importer.init(alphaTab.io.ByteBuffer.fromBuffer(bytes), settings);
  return importer.readScore();
}

function importAlphaTex(text, settings, warnings) {
  const importer = new alphaTab.importer.AlphaTexImporter();
  importer.logErrors = false;
  importer.initFromString(text, settings);
  try {
    const score = importer.readScore();
    warnings.push(...texDiagnostics(importer, alphaTab.importer.alphaTex.AlphaTexDiagnosticsSeverity.Warning));
    return score;
  } catch (e) {
    const errors = texDiagnostics(importer, alphaTab.importer.alphaTex.AlphaTexDiagnosticsSeverity.Error);
    if (errors.length > 0) throw new Error(errors.join('; '));
    throw e;
  }
}

function staffKind(staff) {
  if (staff.isPercussion) return 'percussion';
  const kinds = [];
  if (staff.showStandardNotation) kinds.push('standard');
  if (staff.showTablature && staff.isStringed) kinds.push('tab');
  if (staff.showSlash) kinds.push('slash');
  if (staff.showNumbered) kinds.push('numbered');
  return kinds.length ? kinds.join('+') : 'none';
}

function describeScore(score) {
  const staves = [];
  const notesPerStaff = [];
  const voicesPerStaff = [];
  let notes = 0;
  for (const track of score.tracks) {
    for (const staff of track.staves) {
      staves.push(staffKind(staff));
      let n = 0;
      for (const bar of staff.bars) for (const voice of bar.voices) for (const beat of voice.beats) n += beat.notes.length;
      notesPerStaff.push(n);
      voicesPerStaff.push(Array.from(staff.filledVoices).sort((a, b) => a - b));
      notes += n;
    }
  }
  const firstTrack = score.tracks[0];
  const tuned = firstTrack ? firstTrack.staves.find(s => s.tuning && s.tuning.length > 0) : undefined;
  return {
    tracks: score.tracks.length,
    staves,
    bars: score.masterBars.length,
    notes,
    notesPerStaff,
    voicesPerStaff,
    tuning: tuned ? Array.from(tuned.tuning) : [],
    tempo: score.tempo,
  };
}

// The previous file's api stays alive until the next render so its drawing can be screenshotted.
let currentApi = null;

function render(score, timeoutMs) {
  if (currentApi) { currentApi.destroy(); currentApi = null; }
  const host = document.getElementById('host');
  host.innerHTML = '';
  const element = document.createElement('div');
  host.appendChild(element);
  const api = new alphaTab.AlphaTabApi(element, settingsJson());
  currentApi = api;
  return new Promise((resolveRender, rejectRender) => {
    const timer = setTimeout(() => rejectRender(new Error('rendering did not finish within ' + timeoutMs + ' ms')), timeoutMs);
    api.error.on(e => { clearTimeout(timer); rejectRender(e); });
    api.postRenderFinished.on(() => {
      clearTimeout(timer);
      const svgElements = element.querySelectorAll('svg, svg *').length;
      // fonts.check() is also true for a family that does not exist, so look for the loaded face itself.
      const fontLoaded = Array.from(document.fonts).some(f => f.family.replace(/["']/g, '') === 'alphaTab' && f.status === 'loaded');
      resolveRender({ svgElements, fontLoaded });
    });
    api.renderScore(score, score.tracks.map((_, i) => i));
  });
}

window.checkFile = async function (input) {
  const warnings = [];
  let score;
  try {
    const settings = new alphaTab.Settings();
    if (input.kind === 'musicxml') {
      const bytes = Uint8Array.from(atob(input.base64), c => c.charCodeAt(0));
      score = importMusicXml(bytes, settings);
    } else {
      score = importAlphaTex(input.text, settings, warnings);
    }
  } catch (e) {
    return { ok: false, stage: 'load', error: describeError(e), warnings };
  }
  const model = describeScore(score);
  try {
    const rendered = await render(score, input.timeoutMs);
    if (rendered.svgElements === 0) return { ok: false, stage: 'render', error: 'rendering produced no SVG', warnings, ...model, ...rendered };
    return { ok: true, stage: 'render', error: null, warnings, ...model, ...rendered };
  } catch (e) {
    return { ok: false, stage: 'render', error: describeError(e), warnings, ...model };
  }
};
window.checkReady = typeof alphaTab !== 'undefined';
`;

function kindOf(file) {
  const ext = extname(file).toLowerCase();
  if (ext === '.musicxml' || ext === '.xml') return 'musicxml';
  if (ext === '.alphatex' || ext === '.atex') return 'alphatex';
  return null;
}

async function serveDist(urlPath, res) {
  const relative = normalize(decodeURIComponent(urlPath.slice('/alphatab/'.length)));
  const full = resolve(distDir, relative);
  if (!full.startsWith(distDir + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(full);
    res.writeHead(200, { 'content-type': contentTypes[extname(full).toLowerCase()] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}

function startServer() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': contentTypes['.html'] }).end(pageHtml);
    } else if (path === '/check.js') {
      res.writeHead(200, { 'content-type': contentTypes['.js'] }).end(pageScript);
    } else if (path.startsWith('/alphatab/')) {
      void serveDist(path, res);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen(server));
  });
}

function emptyResult(file, error, kind = null) {
  return {
    file, ok: false, error, tracks: null, staves: [], bars: null, notes: null, tuning: [], tempo: null, svgElements: 0,
    kind, stage: 'read', notesPerStaff: [], voicesPerStaff: [], fontLoaded: null, warnings: [],
  };
}

async function checkOne(page, file) {
  const kind = kindOf(file);
  if (!kind) return emptyResult(file, `unsupported extension '${extname(file)}' (expected .musicxml, .xml, .alphatex or .atex)`);
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return emptyResult(file, `cannot read file: ${e.message}`, kind);
  }
  const logs = [];
  const onConsole = msg => {
    if (msg.type() === 'error' || msg.type() === 'warning') logs.push(`${msg.type()}: ${msg.text()}`);
  };
  const onPageError = err => logs.push(`pageerror: ${err.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  try {
    const input = kind === 'musicxml'
      ? { kind, base64: bytes.toString('base64'), timeoutMs }
      : { kind, text: bytes.toString('utf8'), timeoutMs };
    const r = await page.evaluate(i => window.checkFile(i), input);
    if (screenshotDir && r.ok) {
      await mkdir(screenshotDir, { recursive: true });
      await page.locator('#host').screenshot({ path: join(screenshotDir, `${basename(file)}.png`) });
    }
    // A render that never finishes usually has its reason in alphaTab's own log (e.g. the music font failed to load).
    const alphaTabErrors = logs.filter(l => l.startsWith('error: [AlphaTab]'));
    const error = !r.ok && r.stage === 'render' && alphaTabErrors.length > 0 ? `${r.error}; ${alphaTabErrors.join('; ')}` : r.error;
    return {
      file,
      ok: r.ok,
      error,
      tracks: r.tracks ?? null,
      staves: r.staves ?? [],
      bars: r.bars ?? null,
      notes: r.notes ?? null,
      tuning: r.tuning ?? [],
      tempo: r.tempo ?? null,
      svgElements: r.svgElements ?? 0,
      kind,
      stage: r.stage,
      notesPerStaff: r.notesPerStaff ?? [],
      voicesPerStaff: r.voicesPerStaff ?? [],
      fontLoaded: r.fontLoaded ?? null,
      warnings: [...r.warnings, ...logs],
    };
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
  }
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0 || files.includes('--help') || files.includes('-h')) {
    process.stderr.write('usage: node alphatab-check.mjs FILE [FILE...]   (.musicxml/.xml or .alphatex/.atex)\n');
    return 2;
  }
  try {
    await stat(join(distDir, 'alphaTab.js'));
  } catch {
    process.stderr.write(`alphaTab not installed at ${distDir}; run: npm ci --prefix tests/Browser\n`);
    return 2;
  }

  const server = await startServer();
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage();
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    if (!(await page.evaluate(() => window.checkReady === true))) {
      throw new Error('alphaTab did not load in the page');
    }
    let allOk = true;
    for (const file of files) {
      const result = await checkOne(page, file);
      allOk &&= result.ok;
      process.stdout.write(JSON.stringify(result) + '\n');
    }
    return allOk ? 0 : 1;
  } catch (e) {
    process.stderr.write(`alphatab-check: ${e.message}\n`);
    if (/executable doesn't exist|ENOENT/i.test(e.message)) {
      process.stderr.write(`Chromium not found at ${chromiumPath}; install it with: apt-get install -y chromium\n`);
    }
    return 2;
  } finally {
    if (browser) await browser.close();
    server.close();
  }
}

process.exitCode = await main();
