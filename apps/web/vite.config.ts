import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to dist/web, which the API serves at `/`. In development (`npm run dev:web`) Vite
// proxies /api to the API on port 3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
