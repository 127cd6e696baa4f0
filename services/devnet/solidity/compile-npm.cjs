// Compiles the audited Solidity sources listed in npm-sources.json (packages that ship no bytecode) exactly as
// published, with the compiler version and settings their own build used, and writes <out>/<Contract>.json =
// { abi, bytecode, package, version, artifact, compiler, settings } like import-npm.cjs does for published artifacts.
// A via-IR compilation at 999999 runs takes tens of seconds on solc-js, so each result is cached under
// <repo>/.local/solc-cache (git-ignored), keyed by the sha256 of the sources, the compiler version and the settings:
// a changed pin, source or setting misses the cache. Run by Maven (generate-resources) after compile.cjs.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { root, fail, installedVersion, refuseToOverwriteReplica } = require('./npm-pins.cjs');
const out = process.argv[2];
if (!out) {
  console.error('usage: node compile-npm.cjs <output-dir>');
  process.exit(2);
}
const EIP170_LIMIT = 24576;
const wanted = JSON.parse(fs.readFileSync(path.join(__dirname, 'npm-sources.json'), 'utf8'));
const cacheDir = path.join(root, '.local', 'solc-cache');

/** Every .sol file of the package, keyed by its path inside the package (the imports are relative to it). */
function packageSources(dir) {
  const sources = {};
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(child);
      else if (entry.isFile() && entry.name.endsWith('.sol')) sources[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return sources;
}

fs.mkdirSync(out, { recursive: true });
for (const [pkg, spec] of Object.entries(wanted)) {
  if (pkg.startsWith('_')) continue;
  const version = installedVersion(pkg);
  installedVersion(spec.compiler);
  const solc = require(path.join(root, 'node_modules', spec.compiler));
  const dir = path.join(root, 'node_modules', pkg);
  const all = packageSources(dir);
  const entries = [...new Set(spec.contracts.map((c) => c.split(':')[0]))];
  const settings = { ...spec.settings, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } } };
  const hash = crypto.createHash('sha256')
    .update(JSON.stringify({ pkg, version, compiler: solc.version(), settings, entries, sources: Object.entries(all).sort() }))
    .digest('hex');
  const cached = path.join(cacheDir, `${hash}.json`);
  const started = Date.now();
  let compiled;
  let from;
  if (fs.existsSync(cached)) {
    compiled = JSON.parse(fs.readFileSync(cached, 'utf8'));
    from = 'cache';
  } else {
    const input = { language: 'Solidity', sources: Object.fromEntries(entries.map((e) => [e, { content: all[e] }])), settings };
    const findImports = (p) => (p in all ? { contents: all[p] } : { error: `${p} is not in ${pkg}` });
    const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
    const errors = (output.errors || []).filter((e) => e.severity === 'error');
    for (const e of errors) console.error(e.formattedMessage);
    if (errors.length > 0) process.exit(1);
    compiled = {};
    for (const c of spec.contracts) {
      const [file, name] = c.split(':');
      const contract = (output.contracts[file] || {})[name];
      if (!contract || !contract.evm.bytecode.object) fail(`${pkg}: ${c} produced no bytecode`);
      compiled[c] = { abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object, runtimeSize: contract.evm.deployedBytecode.object.length / 2,
        compileMillis: 0 };
    }
    for (const artifact of Object.values(compiled)) artifact.compileMillis = Date.now() - started;
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(cached + '.tmp', JSON.stringify(compiled));
    fs.renameSync(cached + '.tmp', cached);
    from = 'compiled';
  }
  for (const [c, artifact] of Object.entries(compiled)) {
    const name = c.split(':')[1];
    if (artifact.runtimeSize > EIP170_LIMIT) fail(`${pkg} ${c}: runtime code ${artifact.runtimeSize} bytes is over EIP-170's ${EIP170_LIMIT}`);
    const target = path.join(out, name + '.json');
    refuseToOverwriteReplica(target, name);
    fs.writeFileSync(target, JSON.stringify({ abi: artifact.abi, bytecode: artifact.bytecode, package: pkg, version, artifact: c,
      compiler: solc.version(), settings: spec.settings, runtimeSize: artifact.runtimeSize,
      compileMillis: artifact.compileMillis, cached: from === 'cache' }));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`npm sources: ${pkg}@${version} ${Object.keys(compiled).join(', ')} ${from} with solc ${solc.version()} in ${seconds} s`
    + ` (runtime ${Object.values(compiled).map((a) => a.runtimeSize).join(', ')} bytes of ${EIP170_LIMIT})`);
}
