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

export { monaco };
