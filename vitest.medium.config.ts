// Medium tier: each project starts the one real service its tests need (tests/setup/*.global.ts),
// on free ports in a temp dir, and stops it afterwards. Vitest runs a project's setup only when
// the run selects one of its files.
import { defineConfig } from 'vitest/config';
import { ALWAYS_EXCLUDED, MEDIUM, SHARED_TEST_OPTIONS } from './vitest.tiers.js';

export default defineConfig({
  test: {
    ...SHARED_TEST_OPTIONS,
    exclude: ALWAYS_EXCLUDED,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'medium-postgres', include: MEDIUM.postgres, globalSetup: ['tests/setup/postgres.global.ts'] } },
      { extends: true, test: { name: 'medium-temporal', include: MEDIUM.temporal, globalSetup: ['tests/setup/temporal.global.ts'] } },
      { extends: true, test: { name: 'medium-docker', include: MEDIUM.docker, globalSetup: ['tests/setup/docker.global.ts'] } },
      { extends: true, test: { name: 'medium-minio', include: MEDIUM.minio, globalSetup: ['tests/setup/minio.global.ts'] } },
      { extends: true, test: { name: 'medium-gitea', include: MEDIUM.gitea, globalSetup: ['tests/setup/gitea.global.ts'] } },
      { extends: true, test: { name: 'medium-kubernetes', include: MEDIUM.kubernetes, globalSetup: ['tests/setup/kubernetes.global.ts'] } },
    ],
  },
});
