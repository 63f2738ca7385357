// The admin token, kept for the browser session only (sessionStorage: gone when the tab closes).
// The auth layer is this file and SignIn: a later user login replaces both, nothing else.
const KEY = 'paas.token';

export const tokenStore = {
  get(): string | null {
    return sessionStorage.getItem(KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
