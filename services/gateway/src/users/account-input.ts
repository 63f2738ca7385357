// Checks of what a person types to sign up or in: clear errors, nothing stored when they fail.
import { ValidationError } from '@paas/contracts';

// deliberately simple: one @, no spaces, a dot in the domain; the invitation mail is the real test
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function validateEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (email.length > 254 || !EMAIL.test(email)) throw new ValidationError('Give a valid email address, such as ada@example.com.', 'email');
  return email;
}

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;

export function validateNewPassword(raw: unknown): string {
  const password = typeof raw === 'string' ? raw : '';
  if (password.length < MIN_PASSWORD_LENGTH) throw new ValidationError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`, 'password');
  if (password.length > MAX_PASSWORD_LENGTH) throw new ValidationError(`A password has at most ${MAX_PASSWORD_LENGTH} characters.`, 'password');
  return password;
}

export function validateName(raw: string | null | undefined, field: string, max = 100): string | null {
  if (raw === null || raw === undefined) return null;
  const name = raw.trim();
  if (name.length === 0 || name.length > max || /[\u0000-\u001f\u007f]/.test(name))
    throw new ValidationError(`A ${field} has 1 to ${max} printable characters.`, field);
  return name;
}
