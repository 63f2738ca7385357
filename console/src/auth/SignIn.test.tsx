import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminTokenForm } from './AdminTokenForm';
import { PasswordForm } from './PasswordForms';

describe('AdminTokenForm', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says clearly when the token is refused, and signs in with a good one', async () => {
    const fetch = vi.fn(
      async (_url: string, init: RequestInit) =>
        new Response('{}', { status: (init.headers as Record<string, string>).authorization === 'Bearer good' ? 200 : 401 }),
    );
    vi.stubGlobal('fetch', fetch);
    const signedIn = vi.fn();
    render(<AdminTokenForm onSignedIn={signedIn} />);
    const input = screen.getByLabelText('Admin token');
    fireEvent.change(input, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^That token was not accepted/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(signedIn).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: 'good' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(signedIn).toHaveBeenCalledWith('good'));
  });
});

describe('PasswordForm', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the server’s refusal of a sign-up in words and signs nobody in', async () => {
    const message = 'Sign-up is by invitation on this platform: ask a team admin to invite this email.';
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ data: null, errors: [{ message, extensions: { code: 'FORBIDDEN' } }] })),
    );
    const signedIn = vi.fn();
    render(<PasswordForm mode="signUp" onSignedIn={signedIn} />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'someone@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long enough password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(signedIn).not.toHaveBeenCalled();
  });

  it('refuses an answer that is not a session (hostile or broken gateway) instead of storing it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ data: { signIn: { accessToken: 42 } } })),
    );
    const signedIn = vi.fn();
    render(<PasswordForm mode="signIn" onSignedIn={signedIn} />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'a@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not a session/);
    expect(signedIn).not.toHaveBeenCalled();
  });
});
