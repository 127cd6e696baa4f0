// Compiles every contracts/*.sol with the project's pinned solc-js (no native solc, no network) and writes
// <out>/<Contract>.json = { abi, bytecode } for the devnet deployer. Run by Maven (generate-resources).
'use strict';
const fs = require('fs');
const path = require('path');

let solc;
try {
  solc = require(path.resolve(__dirname, '../../../node_modules/solc'));
} catch (e) {
  console.error('solc-js is not installed: run `npm ci` at the repository root (make does it for you)');
  process.exit(1);
}

const out = process.argv[2];
if (!out) {
  console.error('usage: node compile.cjs <output-dir> [contracts-dir]');
  process.exit(2);
}
const dir = process.argv[3] ? path.resolve(process.argv[3]) : path.join(__dirname, 'contracts');
const sources = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(dir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  console.error(e.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });
let count = 0;
for (const file of Object.keys(output.contracts)) {
  for (const [name, c] of Object.entries(output.contracts[file])) {
    if (!c.evm.bytecode.object) continue; // interfaces and abstract contracts
    fs.writeFileSync(path.join(out, name + '.json'), JSON.stringify({ abi: c.abi, bytecode: '0x' + c.evm.bytecode.object }));
    count++;
  }
}
console.log(`solc ${solc.version()}: ${count} contracts written to ${out}`);
