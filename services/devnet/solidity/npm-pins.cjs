// What import-npm.cjs and compile-npm.cjs share: the exact pin of an npm package in the root package.json (an
// `npm:<name>@<version>` alias counts by its version), checked against what node_modules holds, and the rule that an
// npm artifact never overwrites one of our compiled replicas. A package `npm ci` cannot install is pinned in the same
// package.json under "packedDependencies" (npm ignores that key; it is the one place its version lives, next to every
// other pin) and fetched by npm-pack.cjs instead.
'use strict';
const fs = require('fs');
const path = require('path');
const { packed } = require('./npm-pack.cjs');

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pins = manifest.dependencies || {};
const packedPins = manifest.packedDependencies || {};

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** The installed version of `pkg`, which must be the exact version pinned in the root package.json. */
function installedVersion(pkg) {
  const pin = pins[pkg];
  if (!pin) fail(`${pkg} must be pinned in the root package.json`);
  const exact = pin.startsWith('npm:') ? pin.slice(pin.lastIndexOf('@') + 1) : pin;
  if (!/^\d+\.\d+\.\d+$/.test(exact)) fail(`${pkg} must be pinned to an exact version in the root package.json (found ${pin})`);
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch (e) {
    fail(`${pkg} is not installed: run \`npm ci\` at the repository root (make does it for you)`);
  }
  if (installed !== exact) fail(`${pkg} ${installed} is installed but ${exact} is pinned: run \`npm ci\` at the repository root`);
  return installed;
}

/**
 * Where the files of `pkg` are and at which version: node_modules for an installed pin, the npm-pack cache for a
 * packed one (fetched on first use, only `files`). Returns { dir, version }.
 */
function packageDir(pkg, files) {
  const packedPin = packedPins[pkg];
  if (!packedPin) {
    return { dir: path.join(root, 'node_modules', pkg), version: installedVersion(pkg) };
  }
  if (pins[pkg]) fail(`${pkg} is pinned both as a dependency and in packedDependencies`);
  if (!/^\d+\.\d+\.\d+$/.test(packedPin)) fail(`${pkg} must be pinned to an exact version in packedDependencies (found ${packedPin})`);
  try {
    const { dir, version, fetched } = packed(root, pkg, packedPin, files);
    if (fetched) console.log(`npm pack: ${pkg}@${version} (${files.length} files) cached in ${path.relative(root, dir)}`);
    return { dir, version };
  } catch (e) {
    fail(`${pkg}@${packedPin}: npm pack failed (${e.message}); it needs the npm registry once, then .local/npm-pack`);
  }
}

/** Fails when `target` is one of our replicas (written by compile.cjs, no `package`): an npm artifact must not replace it. */
function refuseToOverwriteReplica(target, name) {
  if (fs.existsSync(target) && !JSON.parse(fs.readFileSync(target, 'utf8')).package) {
    fail(`${name}: an npm artifact would overwrite the replica of the same name compiled from contracts/`);
  }
}

module.exports = { root, fail, installedVersion, packageDir, refuseToOverwriteReplica };
