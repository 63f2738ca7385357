// `npm test`: installs what is missing, then runs the three test tiers in order, each with its own
// Vitest config (see vitest.tiers.ts): unit (no service), medium (one real service per suite),
// e2e (the whole platform). The first tier that fails stops the run, so a broken unit test shows
// up in seconds, before any service has started.
//   npm test                              the static checks (type check of sources and tests, lint,
//                                         format), then every tier
//   npm test -- --tier=unit               one tier (repeatable); `npm run test:unit` is this
//   npm test -- tests/e2e/foo.test.ts     any other argument goes to Vitest (file filters, -t …)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIERS = ['unit', 'medium', 'e2e'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const chosen = args.filter((a) => a.startsWith('--tier=')).map((a) => a.slice('--tier='.length));
const unknown = chosen.filter((t) => !TIERS.includes(t));
if (unknown.length > 0) {
  console.error(`unknown test tier ${unknown.join(', ')}; the tiers are ${TIERS.join(', ')}`);
  process.exit(2);
}
const tiers = chosen.length > 0 ? TIERS.filter((t) => chosen.includes(t)) : TIERS;
const vitestArgs = args.filter((a) => !a.startsWith('--tier='));
// a file filter may select nothing in some tier: that tier then passes with no tests
const filtered = vitestArgs.some((a) => !a.startsWith('-'));

// the unit tier needs the npm dependencies and the build, not the services' packages and binaries
const ensureArgs = tiers.every((t) => t === 'unit') ? ['--for=unit'] : [];
const ensure = spawnSync(process.execPath, [join(root, 'scripts/ensure-system.mjs'), ...ensureArgs], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);

/**
 * Type check (sources and tests), lint and format check, through Nx (cached): a whole `npm test`
 * starts with them, so a type error in a test, a lint or a format error fails it in seconds.
 */
function staticChecks() {
  const nx = join(root, 'node_modules/nx', JSON.parse(readFileSync(join(root, 'node_modules/nx/package.json'), 'utf8')).bin.nx);
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  const checks = [
    ['type check and lint', process.execPath, [nx, 'run-many', '-t', 'typecheck', 'lint', '--output-style=static']],
    ['format', process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.']],
  ];
  for (const [name, cmd, argv] of checks) {
    console.log(`\n=== ${name} ===`);
    const res = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, env });
    if (res.status !== 0) {
      console.log(`\nthe ${name} check failed: no test tier was run\n\ntests: 0 passed, 1 failed, 0 skipped`);
      process.exit(res.status ?? 1);
    }
  }
}
if (chosen.length === 0 && !filtered) staticChecks();

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
const reportDir = mkdtempSync(join(tmpdir(), 'paas-test-report-'));
try {
  for (const [i, tier] of tiers.entries()) {
    console.log(`\n=== ${tier} tests (vitest.${tier}.config.ts) ===`);
    const report = join(reportDir, `${tier}.json`);
    const res = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        `vitest.${tier}.config.ts`,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
        ...(filtered ? ['--passWithNoTests'] : []),
        ...vitestArgs,
      ],
      { stdio: 'inherit', cwd: root },
    );
    if (existsSync(report)) {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      totals.passed += r.numPassedTests;
      totals.failed += r.numFailedTests;
      totals.skipped += r.numPendingTests + r.numTodoTests;
    }
    if (res.status !== 0) {
      exitCode = res.status ?? 1;
      const notRun = tiers.slice(i + 1);
      if (notRun.length > 0) console.log(`\nthe ${tier} tier failed: the ${notRun.join(' and ')} tier${notRun.length > 1 ? 's were' : ' was'} not run`);
      break;
    }
  }
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
// one plain closing line that any CI can read (the sum over the tiers that ran)
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
