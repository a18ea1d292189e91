import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const backend = 'http://127.0.0.1:8080';

// `.../@mantine/<pkg>/esm/.../<Name>.module.css.mjs`: the class-name map every styled component imports.
const MANTINE_CLASSES =
  /^(.*\/@mantine\/(core|notifications|spotlight))\/esm\/(?:.+\/)?([A-Za-z]+)\.module\.css\.mjs$/;

/**
 * Mantine's whole stylesheet (all ~100 components, 30 KB gz) would block the first paint. Instead each
 * component's class-name module imports that component's stylesheet, so a component's CSS lands in
 * whichever chunk its code lands in: the shell's in the entry stylesheet, a lazy page's with that page
 * (Vite loads a chunk's CSS before running it), and nothing for components no code uses. Dependencies
 * import before dependants, so the cascade keeps Mantine's order (UnstyledButton before Button, …).
 * The dev server pre-bundles Mantine past this hook, so it gets the whole stylesheets instead.
 */
function mantineStylesPerComponent(): Plugin {
  let serve = false;
  return {
    name: 'console:mantine-styles-per-component',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    // Prepended on the first line, so the existing source map's lines still hold.
    transform(code, id) {
      if (serve) {
        if (!id.endsWith('/src/main.tsx')) return null;
        const all = ['core', 'notifications', 'spotlight'].map((p) => `import '@mantine/${p}/styles.css';`);
        return { code: `${all.join('')}${code}`, map: null };
      }
      const match = MANTINE_CLASSES.exec(id);
      if (!match) return null;
      const [, root, pkg, name] = match;
      // @mantine/core ships one stylesheet per component; the other packages one for the package.
      const sheet = pkg === 'core' ? `${root}/styles/${name}.css` : `${root}/styles.css`;
      return { code: `import ${JSON.stringify(sheet)};${code}`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), mantineStylesPerComponent()],
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
