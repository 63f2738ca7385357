#!/usr/bin/env node
// A committed entry point, so that npm links `paas` at install time, before the build wrote dist/.
import('../dist/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    process.stderr.write('paas: the CLI is not built yet; run `npm start` once, or `npx tsc -b packages/cli`\n');
    process.exit(1);
  }
  throw err;
});
