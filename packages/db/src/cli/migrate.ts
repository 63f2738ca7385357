// `npm run migration:run`: applies pending migrations to DATABASE_URL.
import { createDataSource } from '../data-source.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const ds = await createDataSource(url, { poolSize: 1 }).initialize();
const applied = await ds.runMigrations({ transaction: 'each' });
for (const m of applied) console.log(`applied migration ${m.name}`);
await ds.destroy();
