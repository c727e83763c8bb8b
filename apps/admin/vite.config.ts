import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The api serves dist/ at / in production; `npm run dev --workspace apps/admin` proxies /api to a local api.
export default defineConfig({
  plugins: [react()],
  base: './',
  // The rule files the console shares with the server (dependency-free: periods, payout rules, ticket categories).
  resolve: { alias: { '@libs': fileURLToPath(new URL('../../libs', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' },
  },
});
