// Copies the audited contract artifacts listed in npm-artifacts.json from node_modules into <out>/<Contract>.json
// = { abi, bytecode, linkReferences, sourceName, package, version, artifact } for the devnet deployers, next to the replicas
// compile.cjs writes. The bytecode is taken as published (no recompilation); library placeholders stay in it and are
// linked in Java (NpmArtifact.link). The installed version must be the exact pin of the root package.json.
// Run by Maven (generate-resources) after compile.cjs.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../../..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node import-npm.cjs <output-dir>');
  process.exit(2);
}
const pins = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies || {};
const wanted = JSON.parse(fs.readFileSync(path.join(__dirname, 'npm-artifacts.json'), 'utf8'));

function fail(message) {
  console.error(message);
  process.exit(1);
}

fs.mkdirSync(out, { recursive: true });
let count = 0;
for (const [pkg, artifacts] of Object.entries(wanted)) {
  if (pkg.startsWith('_')) continue;
  const pin = pins[pkg];
  if (!pin || !/^\d+\.\d+\.\d+$/.test(pin)) {
    fail(`${pkg} must be pinned to an exact version in the root package.json (found ${pin})`);
  }
  const dir = path.join(root, 'node_modules', pkg);
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch (e) {
    fail(`${pkg} is not installed: run \`npm ci\` at the repository root (make does it for you)`);
  }
  if (installed !== pin) {
    fail(`${pkg} ${installed} is installed but ${pin} is pinned: run \`npm ci\` at the repository root`);
  }
  for (const rel of artifacts) {
    const artifact = JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
    const name = artifact.contractName;
    // hex, with library placeholders (__$<34 hex>$__) where linkReferences say
    const unlinked = (artifact.bytecode || '').replace(/__\$[0-9a-fA-F]{34}\$__/g, '');
    if (!name || !/^0x[0-9a-fA-F]+$/.test(unlinked) || unlinked.length <= 2) {
      fail(`${pkg}/${rel}: no deployable bytecode`);
    }
    const target = path.join(out, name + '.json');
    if (fs.existsSync(target) && !JSON.parse(fs.readFileSync(target, 'utf8')).package) {
      fail(`${name}: an npm artifact would overwrite the replica of the same name compiled from contracts/`);
    }
    fs.writeFileSync(target, JSON.stringify({ abi: artifact.abi, bytecode: artifact.bytecode,
      linkReferences: artifact.linkReferences || {}, sourceName: artifact.sourceName, package: pkg, version: installed, artifact: rel }));
    count++;
  }
}
console.log(`npm: ${count} audited artifacts written to ${out}`);
