import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from './SignIn';

describe('SignIn', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says clearly when the token is refused, and signs in with a good one', async () => {
    const fetch = vi.fn(
      async (_url: string, init: RequestInit) =>
        new Response('{}', { status: (init.headers as Record<string, string>).authorization === 'Bearer good' ? 200 : 401 }),
    );
    vi.stubGlobal('fetch', fetch);
    const signedIn = vi.fn();
    render(<SignIn onSignedIn={signedIn} />);
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
