import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': backend, '/healthz': backend, '/sandbox': backend },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco's core is ~3.7 MB raw by design; it is lazy and long-cached, so the warning is noise.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      output: {
        // Monaco in its own long-cached chunk, off the first-paint path. Only monaco-editor itself:
        // a manual chunk swallows its unassigned dependencies, and @monaco-editor/react would pull
        // React (and with it the whole shell) into the Monaco chunk.
        // Vite's preload helper gets its own tiny chunk for the same reason: Monaco uses dynamic
        // imports, so the helper would otherwise land in (and drag) the Monaco chunk.
        manualChunks(id) {
          if (id.includes('vite/preload-helper') || id.includes('commonjsHelpers')) return 'runtime';
          return id.includes('/node_modules/monaco-editor/') ? 'monaco' : undefined;
        },
      },
    },
  },
});
