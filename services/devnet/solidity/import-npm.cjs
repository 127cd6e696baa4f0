// Copies the audited contract artifacts listed in npm-artifacts.json from node_modules into <out>/<Contract>.json
// = { abi, bytecode, linkReferences, sourceName, package, version, artifact } for the devnet deployers, next to the replicas
// compile.cjs writes. The bytecode is taken as published (no recompilation); library placeholders stay in it and are
// linked in Java (NpmArtifact.link). The installed version must be the exact pin of the root package.json; a package
// pinned under its "packedDependencies" is read from the npm-pack cache instead (npm-pins.cjs packageDir).
// Run by Maven (generate-resources) after compile.cjs.
'use strict';
const fs = require('fs');
const path = require('path');

const { fail, packageDir, refuseToOverwriteReplica } = require('./npm-pins.cjs');
const out = process.argv[2];
if (!out) {
  console.error('usage: node import-npm.cjs <output-dir>');
  process.exit(2);
}
const wanted = JSON.parse(fs.readFileSync(path.join(__dirname, 'npm-artifacts.json'), 'utf8'));

fs.mkdirSync(out, { recursive: true });
let count = 0;
for (const [pkg, artifacts] of Object.entries(wanted)) {
  if (pkg.startsWith('_')) continue;
  const { dir, version: installed } = packageDir(pkg, artifacts);
  for (const rel of artifacts) {
    const artifact = JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
    const name = artifact.contractName;
    // hex, with library placeholders (__$<34 hex>$__) where linkReferences say
    const unlinked = (artifact.bytecode || '').replace(/__\$[0-9a-fA-F]{34}\$__/g, '');
    if (!name || !/^0x[0-9a-fA-F]+$/.test(unlinked) || unlinked.length <= 2) {
      fail(`${pkg}/${rel}: no deployable bytecode`);
    }
    const target = path.join(out, name + '.json');
    refuseToOverwriteReplica(target, name);
    fs.writeFileSync(target, JSON.stringify({ abi: artifact.abi, bytecode: artifact.bytecode,
      linkReferences: artifact.linkReferences || {}, sourceName: artifact.sourceName, package: pkg, version: installed, artifact: rel }));
    count++;
  }
}
console.log(`npm: ${count} audited artifacts written to ${out}`);
