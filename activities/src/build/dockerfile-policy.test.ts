import { describe, expect, it } from 'vitest';
import { checkDockerfile, registryHost, type LocalImage, type PolicyContext } from './dockerfile-policy.js';

const images: Record<string, LocalImage> = {
  'busybox:1': { exists: true, onBuild: [] },
  'evil/onbuild:1': { exists: true, onBuild: ['ADD http://169.254.169.254/latest/meta-data /m'] },
  'other-app:1': { exists: true, appId: 'app-2', onBuild: [] },
  'mine:1': { exists: true, appId: 'app-1', onBuild: [] },
};
const ctx: PolicyContext = {
  appId: 'app-1',
  registry: '127.0.0.1:5000',
  inspectImage: async (ref) => images[ref] ?? { exists: false, onBuild: [] },
  resolvesToNonPublic: async (host) => host === 'registry.internal',
};
const check = (text: string) => checkDockerfile(text, ctx);

describe('Dockerfile policy', () => {
  it.each([
    ['FROM busybox:1\nADD http://127.0.0.1:5000/v2/_catalog /c\n', /remote sources are refused/],
    ['FROM busybox:1\nadd https://example.com/x /c\n', /remote sources are refused/],
    ['FROM busybox:1\nADD ["http://127.0.0.1:8233/api", "/c"]\n', /remote sources are refused/],
    ['FROM busybox:1\nADD --chown=1:1 \\\n  http://x/y /z\n', /remote sources are refused/],
    ['# escape=`\nFROM busybox:1\nAD`\nD http://x/y /z\n', /remote sources are refused/],
    ['FROM busybox:1\nARG U=http://x/y\nADD $U /z\n', /variables are not allowed in ADD/],
    ['FROM busybox:1\nADD ${U:-http://x} /z\n', /variables are not allowed in ADD/],
    ['FROM busybox:1\nADD git@github.com:a/b.git /z\n', /remote sources are refused/],
    ['FROM 127.0.0.1:5000/paas/x:1\n', /not pulled from 127\.0\.0\.1:5000/],
    ['FROM localhost:5000/x\n', /not pulled from localhost:5000/],
    ['FROM 10.0.0.8/x\n', /not pulled from 10\.0\.0\.8/],
    ['FROM [::1]:5000/x\n', /not pulled from \[::1\]:5000/],
    ['FROM registry.internal/x:1\n', /not pulled from registry\.internal/],
    ['ARG REG=127.0.0.1:5000\nFROM ${REG}/x\n', /not pulled from 127\.0\.0\.1:5000/],
    ['FROM $NOPE\n', /variable with no default/],
    ['FROM busybox:1\nCOPY --from=127.0.0.1:5000/x:1 /a /b\n', /not pulled from/],
    ['FROM busybox:1\nCOPY --from=$X /a /b\n', /variables are not allowed in --from/],
    ['FROM evil/onbuild:1\n', /ONBUILD trigger is refused: .*remote sources are refused/],
    ['FROM other-app:1\n', /another app's release image/],
    ['FROM busybox:1\nONBUILD ADD http://x /y\n', /remote sources are refused/],
  ])('refuses %j', async (text, message) => {
    await expect(check(text)).rejects.toThrow(message);
  });

  it.each([
    'FROM busybox:1\nCOPY . /app\nADD local.tar.gz /app/\nRUN wget https://example.com/x\n',
    'ARG V=1\nFROM busybox:${V}\nRUN echo hi\n',
    'FROM busybox:1 AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /out\nCOPY --from=0 /a /b\n',
    'FROM mine:1\n',
    'FROM node:22-alpine\n',
    'FROM docker.io/library/node:22\n',
  ])('accepts %j', async (text) => {
    await expect(check(text)).resolves.toBeUndefined();
  });

  it('reads the registry part of a reference as the engine does', () => {
    expect(registryHost('node:22')).toBeUndefined();
    expect(registryHost('library/node')).toBeUndefined();
    expect(registryHost('ghcr.io/a/b')).toBe('ghcr.io');
    expect(registryHost('localhost/x')).toBe('localhost');
    expect(registryHost('127.0.0.1:5000/x')).toBe('127.0.0.1:5000');
  });
});
