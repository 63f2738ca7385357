import { describe, expect, it } from 'vitest';
import { validateEmail, validateName, validateNewPassword } from './account-input.js';

describe('account input', () => {
  it('normalises a valid email and refuses malformed ones', () => {
    expect(validateEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com', 'ada@exa mple.com', 'a@b@c.com', `${'a'.repeat(250)}@x.io`, 42])
      expect(() => validateEmail(bad)).toThrow(/valid email/);
  });

  it('wants passwords of 10 to 1024 characters', () => {
    expect(() => validateNewPassword('short')).toThrow(/at least 10/);
    expect(() => validateNewPassword('x'.repeat(1025))).toThrow(/at most/);
    expect(validateNewPassword('long enough!')).toBe('long enough!');
  });

  it('refuses empty, long or control-character names', () => {
    expect(validateName(undefined, 'name')).toBeNull();
    expect(validateName(' Ada ', 'name')).toBe('Ada');
    for (const bad of ['', '   ', 'x'.repeat(101), 'a\nb']) expect(() => validateName(bad, 'name')).toThrow();
  });
});
