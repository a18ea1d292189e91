// Imported only by the lazily loaded editor modules: Monaco never lands on the first-paint path.
// Recipe: shared/reference/peer-consoles.md §6.2 (monaco-editor 0.55 slim: core + JSON only).
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import editorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import jsonWorker from 'monaco-editor/esm/vs/language/json/json.worker?worker';
import { jsonDefaults } from 'monaco-editor/esm/vs/language/json/monaco.contribution.js';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new jsonWorker() : new editorWorker()),
};

// Monaco rejects its in-flight work (folding, colours, worker calls) with a CancellationError when a
// model or editor is disposed, e.g. when the operator switches command while an answer is rendering.
// Cancelling is the intent there, not a fault; every other rejection still reaches the page.
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled')
    event.preventDefault();
});

// Must run before any <Editor> mounts, or the loader fetches Monaco from a CDN.
loader.config({ monaco });

const schemas = new Map<string, { uri: string; fileMatch: string[]; schema: object }>();

function applyDiagnostics(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    // Offline by design: every schema is inline, nothing is ever fetched.
    enableSchemaRequest: false,
    // The upstream is the authority on validity: schema problems warn, never block.
    schemaValidation: 'warning',
    schemas: [...schemas.values()],
  });
}

/** Binds a JSON Schema to one editor model path; markers, completion and hover follow from it. */
export function registerSchema(path: string, schema: object): void {
  schemas.set(path, { uri: `inmemory://schema/${encodeURIComponent(path)}`, fileMatch: [path], schema });
  applyDiagnostics();
}

applyDiagnostics();

// vs-dark's diff tints are strong enough to pull its orange strings under 4.5:1 (4.26 on an inserted
// line); lighter tints keep every token readable. The light theme passes as it is.
monaco.editor.defineTheme('console-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'diffEditor.insertedTextBackground': '#9bb9551c',
    'diffEditor.insertedLineBackground': '#9bb95512',
    'diffEditor.removedTextBackground': '#ff00001c',
    'diffEditor.removedLineBackground': '#ff000012',
  },
});

/** The Monaco theme of a Mantine colour scheme. */
export function monacoTheme(scheme: 'light' | 'dark'): string {
  return scheme === 'dark' ? 'console-dark' : 'vs';
}

export { monaco };
