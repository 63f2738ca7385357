import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/, which the gateway serves at / (same origin as /graphql).
export default defineConfig({
  plugins: [react()],
  base: '/',
  // no source maps: production serves only what the browser runs (the gateway 404s any *.map)
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } } },
});
