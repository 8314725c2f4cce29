import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// Built to dist/web, which the API serves at `/` (with the .br and .gz files written here, so
// the API never compresses at run time). In development (`npm run dev:web`) Vite proxies /api
// to the API on port 3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|json)$/ }),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
