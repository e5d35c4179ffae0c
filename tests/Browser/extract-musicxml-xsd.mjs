#!/usr/bin/env node
// Pulls the MusicXML 3.1 schema set (musicxml.xsd, xlink.xsd, xml.xsd) out of the Qt resources compiled into
// Debian's MuseScore 3 binary (/usr/bin/mscore3 of the musescore3 package). No registry package ships the
// MusicXML 4.0 XSD; this is the newest complete, importable set one does. Called by install-musicxml-xsd.sh.
//
// Usage: node extract-musicxml-xsd.mjs MSCORE3_BINARY OUT_DIR
//
// Qt's rcc stores each resource as a 4-byte big-endian length followed by the bytes; a compressed one as
// [length + 4][uncompressed length][zlib stream]. Each file is found by content, read by its length prefix
// and checked, so a rebuilt binary either yields the same files or fails loudly.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const [binaryPath, outDir] = process.argv.slice(2);
if (!binaryPath || !outDir) {
  process.stderr.write('usage: node extract-musicxml-xsd.mjs MSCORE3_BINARY OUT_DIR\n');
  process.exit(2);
}

const data = readFileSync(binaryPath);

function fail(message) {
  process.stderr.write(`extract-musicxml-xsd: ${message}\n`);
  process.exit(1);
}

// An uncompressed resource: the XML declaration right before `marker`, with its length prefix in front of it.
function uncompressedResource(marker) {
  let at = data.indexOf(marker);
  while (at >= 0) {
    const start = data.lastIndexOf('<?xml', at);
    if (start >= 4 && at - start < 200) {
      const length = data.readUInt32BE(start - 4);
      const text = data.subarray(start, start + length).toString('utf8');
      if (length > 0 && start + length <= data.length && /<\/xs:schema>\s*$/.test(text)) return text;
    }
    at = data.indexOf(marker, at + 1);
  }
  return null;
}

// A compressed resource whose inflated text contains `marker`: try each zlib header whose two length prefixes agree.
function compressedResource(marker) {
  for (let i = 8; i < data.length - 2; i++) {
    if (data[i] !== 0x78 || (data[i + 1] !== 0x9c && data[i + 1] !== 0xda && data[i + 1] !== 0x01 && data[i + 1] !== 0x5e)) continue;
    const stored = data.readUInt32BE(i - 8);
    const inflated = data.readUInt32BE(i - 4);
    if (stored < 16 || i - 4 + stored > data.length || inflated < stored || inflated > 16 * 1024 * 1024) continue;
    let text;
    try {
      text = inflateSync(data.subarray(i, i - 4 + stored)).toString('utf8');
    } catch {
      continue;
    }
    if (text.length > 0 && text.includes(marker) && /<\/xs:schema>\s*$/.test(text)) return text;
  }
  return null;
}

const files = {
  'xml.xsd': uncompressedResource('<xs:schema targetNamespace="http://www.w3.org/XML/1998/namespace"'),
  'xlink.xsd': uncompressedResource('targetNamespace="http://www.w3.org/1999/xlink"'),
  'musicxml.xsd': compressedResource('MusicXML W3C XML schema (XSD)'),
};

for (const [name, text] of Object.entries(files)) {
  if (!text) fail(`${name} not found in ${binaryPath}`);
}
const version = /MusicXML W3C XML schema \(XSD\)\s+Version ([0-9.]+)/.exec(files['musicxml.xsd']);
if (!version) fail('musicxml.xsd has no "Version N.N" header');
if (!files['xlink.xsd'].includes(`Version ${version[1]}`)) fail(`xlink.xsd is not MusicXML ${version[1]}`);

mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
process.stdout.write(`${version[1]}\n`);
