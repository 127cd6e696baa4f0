// Copies the audited, published bytecode the devnet deploys as is (no recompilation: a different compiler setting would
// change the bytecode and can break EIP-170, e.g. Aave's PoolConfigurator sits 309 bytes under it) from the npm packages
// pinned in the root package.json into <out>/npm/<package>/<Contract>.json = { package, version, sourceName,
// contractName, bytecode, linkReferences }. Library placeholders stay in the bytecode: the Java deployer links them.
// Run by Maven (generate-resources) after compile.cjs.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');

/** Per package: the Hardhat artifacts (under artifacts/contracts) the deployers use. */
const PACKAGES = {
  '@aave/core-v3': [
    'protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider.json',
    'protocol/configuration/ACLManager.sol/ACLManager.json',
    'protocol/libraries/logic/BorrowLogic.sol/BorrowLogic.json',
    'protocol/libraries/logic/BridgeLogic.sol/BridgeLogic.json',
    'protocol/libraries/logic/ConfiguratorLogic.sol/ConfiguratorLogic.json',
    'protocol/libraries/logic/EModeLogic.sol/EModeLogic.json',
    'protocol/libraries/logic/FlashLoanLogic.sol/FlashLoanLogic.json',
    'protocol/libraries/logic/LiquidationLogic.sol/LiquidationLogic.json',
    'protocol/libraries/logic/PoolLogic.sol/PoolLogic.json',
    'protocol/libraries/logic/SupplyLogic.sol/SupplyLogic.json',
    'protocol/pool/Pool.sol/Pool.json',
    'protocol/pool/PoolConfigurator.sol/PoolConfigurator.json',
    'protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy.json',
    'protocol/tokenization/AToken.sol/AToken.json',
    'protocol/tokenization/StableDebtToken.sol/StableDebtToken.json',
    'protocol/tokenization/VariableDebtToken.sol/VariableDebtToken.json',
    'misc/AaveOracle.sol/AaveOracle.json',
    'misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider.json',
  ],
};

const out = process.argv[2];
if (!out) {
  console.error('usage: node npm-artifacts.cjs <output-dir>');
  process.exit(2);
}
const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies;
let count = 0;
for (const [pkg, artifacts] of Object.entries(PACKAGES)) {
  const dir = path.join(ROOT, 'node_modules', pkg);
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch (e) {
    console.error(`${pkg} is not installed: run \`npm ci\` at the repository root (make does it for you)`);
    process.exit(1);
  }
  // a stale node_modules would put other bytecode under the pinned name
  if (pinned[pkg] !== installed) {
    console.error(`${pkg}: package.json pins ${pinned[pkg]} but ${installed} is installed: run \`npm ci\``);
    process.exit(1);
  }
  const target = path.join(out, 'npm', pkg.replace(/^@/, '').replace('/', '-'));
  fs.mkdirSync(target, { recursive: true });
  for (const rel of artifacts) {
    const a = JSON.parse(fs.readFileSync(path.join(dir, 'artifacts/contracts', rel), 'utf8'));
    fs.writeFileSync(path.join(target, a.contractName + '.json'), JSON.stringify({
      package: pkg, version: installed, sourceName: a.sourceName, contractName: a.contractName,
      bytecode: a.bytecode, linkReferences: a.linkReferences,
    }));
    count++;
  }
}
console.log(`${count} npm artifacts written to ${path.join(out, 'npm')}`);
