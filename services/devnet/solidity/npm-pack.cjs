// Fetches an npm package that `npm ci` cannot install: `npm pack <name>@<version>` (the registry tarball, checked by npm
// against the registry's integrity), then only the files the build needs are extracted into
// <repo>/.local/npm-pack/<name>@<version>/ (git-ignored), with the package's package.json. Later builds read that
// directory and never touch the network; npm's own cache (--prefer-offline) serves a rebuild after `make clean`.
// Why not a dependency: @pendle/core-v2's package.json pulls a git dependency (forge-std) and more that the
// registry cannot resolve, so `npm install` of it fails, while its tarball alone holds the compiled artifacts.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/**
 * The directory holding `files` (paths inside the package) of `pkg@version`, packing it first if the cache lacks
 * any of them. Returns { dir, version, fetched }.
 */
function packed(root, pkg, version, files) {
  const dir = path.join(root, '.local', 'npm-pack', `${pkg.replace('/', '+')}@${version}`);
  const complete = () => fs.existsSync(path.join(dir, 'package.json'))
    && files.every((f) => fs.existsSync(path.join(dir, f)));
  if (complete()) {
    return { dir, version: readVersion(dir), fetched: false };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-pack-'));
  try {
    const out = execFileSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', work, '--prefer-offline', '--json',
      '--loglevel=error'], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const tarball = path.join(work, JSON.parse(out)[0].filename);
    // npm tarballs hold everything under package/; extract only what is asked for
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/package.json', ...files.map((f) => `package/${f}`)],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    const unpacked = path.join(work, 'package');
    const got = readVersion(unpacked);
    if (got !== version) throw new Error(`npm pack ${pkg}@${version} gave version ${got}`);
    // copied beside the cache, then renamed into place: an interrupted build never leaves a half-written cache
    const staging = `${dir}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.cpSync(unpacked, staging, { recursive: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (!complete()) throw new Error(`${pkg}@${version}: files missing after npm pack`);
  return { dir, version, fetched: true };
}

function readVersion(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

module.exports = { packed };
