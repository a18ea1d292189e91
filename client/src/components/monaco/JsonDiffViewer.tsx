import { useComputedColorScheme } from '@mantine/core';
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useLayoutEffect, useRef } from 'react';
import { monacoTheme } from './setup';

type DiffEditorInstance = Parameters<DiffOnMount>[0];

export type JsonDiffViewerProps = {
  /** Distinct model paths per side, so the diff never shares a model with another viewer. */
  originalPath: string;
  modifiedPath: string;
  original: string;
  modified: string;
  height?: number | string;
  ariaLabel?: string;
  /** What each side is, for its name ("this call", "the replay"). */
  originalName?: string;
  modifiedName?: string;
};

/** Read-only side-by-side diff of two JSON documents. Import it lazily: it pulls in Monaco. */
export default function JsonDiffViewer({
  originalPath,
  modifiedPath,
  original,
  modified,
  height = 480,
  ariaLabel = 'Response comparison',
  originalName = 'original',
  modifiedName = 'modified',
}: JsonDiffViewerProps) {
  const scheme = useComputedColorScheme('light');
  const editorRef = useRef<DiffEditorInstance | null>(null);
  // @monaco-editor/react 4.7 disposes both models before the diff widget on unmount, and Monaco
  // >= 0.52 throws "TextModel got disposed before DiffEditorWidget model got reset" for that
  // (suren-atoyan/monaco-react#647). So the library keeps the models and this detaches and disposes
  // them. A layout-effect cleanup runs before every passive cleanup of the unmounted subtree, so the
  // widget is still alive here; the library disposes it afterwards, with no model left to complain.
  useLayoutEffect(
    () => () => {
      const editor = editorRef.current;
      if (!editor) return;
      editorRef.current = null;
      const models = editor.getModel();
      editor.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
    },
    [],
  );
  return (
    <DiffEditor
      original={original}
      modified={modified}
      originalModelPath={originalPath}
      modifiedModelPath={modifiedPath}
      language="json"
      height={height}
      theme={monacoTheme(scheme)}
      loading={null}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={(editor, monaco) => {
        editorRef.current = editor;
        // Monaco 0.55 leaves each pane's own textbox unnamed (originalAriaLabel is not passed on), and
        // the library's own options update after mount can reset a name set once: keep it set.
        const keepName = (pane: ReturnType<DiffEditorInstance['getOriginalEditor']>, name: string) => {
          const apply = () => {
            if (pane.getOption(monaco.editor.EditorOption.ariaLabel) !== name) {
              pane.updateOptions({ ariaLabel: name });
            }
          };
          apply();
          pane.onDidChangeConfiguration(apply);
        };
        keepName(editor.getOriginalEditor(), `${ariaLabel}: left, ${originalName}`);
        keepName(editor.getModifiedEditor(), `${ariaLabel}: right, ${modifiedName}`);
      }}
      options={{
        readOnly: true,
        originalEditable: false,
        renderSideBySide: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        ariaLabel,
        originalAriaLabel: `${ariaLabel}: left, ${originalName}`,
        modifiedAriaLabel: `${ariaLabel}: right, ${modifiedName}`,
        fixedOverflowWidgets: true,
      }}
    />
  );
}
