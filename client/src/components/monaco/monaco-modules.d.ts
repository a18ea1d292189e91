// monaco-editor 0.55 ships no types for its slim entry points; they are subsets of the full API.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}

declare module 'monaco-editor/esm/vs/language/json/monaco.contribution.js' {
  import type { json } from 'monaco-editor';
  export const jsonDefaults: typeof json.jsonDefaults;
}
