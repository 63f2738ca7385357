import { validateAppName, ValidationError } from '@paas/contracts/validation';
import { describe, expect, it } from 'vitest';
import { emptyForm, toInput, validateForm } from './create-app-form';

function apiMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
  }
  throw new Error('expected a validation error');
}

describe('create-app form', () => {
  it('gives the API’s own messages, word for word', () => {
    const errors = validateForm({ ...emptyForm, name: 'Bad_Name', gitUrl: '' });
    expect(errors.name).toBe(apiMessage(() => validateAppName('Bad_Name')));
    expect(errors.gitUrl).toBe('gitUrl is required for a SERVICE app.');
  });

  it('a static site with a build command needs a build image; without one it needs no git URL', () => {
    const base = { ...emptyForm, kind: 'STATIC' as const, name: 'docs' };
    expect(validateForm({ ...base, buildCommand: 'npm run build' }).buildImage).toMatch(/^buildImage is required with a buildCommand/);
    expect(validateForm(base)).toEqual({});
  });

  it('flags env vars by row', () => {
    const errors = validateForm({
      ...emptyForm,
      name: 'web',
      gitUrl: 'https://example.com/a.git',
      env: [
        { key: 'OK', value: '1', secret: false },
        { key: 'PORT', value: '1', secret: false },
        { key: 'OK', value: '2', secret: false },
      ],
    });
    expect(errors['env.0']).toBeUndefined();
    expect(errors['env.1']).toMatch(/PORT is set by the platform/);
    expect(errors['env.2']).toBe('Env var OK is given twice.');
  });

  it('sends only the fields of the chosen kind', () => {
    const service = toInput({ ...emptyForm, name: 'web', gitUrl: 'https://example.com/a.git' });
    expect(service).toMatchObject({ kind: 'SERVICE', port: 8080, dockerfilePath: 'Dockerfile' });
    expect(service).not.toHaveProperty('buildCommand');
    const site = toInput({ ...emptyForm, kind: 'STATIC', name: 'docs', buildImage: 'node:22', buildCommand: 'npm run build', spaFallback: true });
    expect(site).toMatchObject({ kind: 'STATIC', buildImage: 'node:22', spaFallback: true, gitUrl: null, outputDirectory: null });
    expect(site).not.toHaveProperty('port');
  });
});
