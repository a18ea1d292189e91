import { useComputedColorScheme } from '@mantine/core';
import { DiffEditor } from '@monaco-editor/react';
import './setup';

export type JsonDiffViewerProps = {
  /** Distinct model paths per side, so the diff never shares a model with another viewer. */
  originalPath: string;
  modifiedPath: string;
  original: string;
  modified: string;
  height?: number | string;
  ariaLabel?: string;
};

/** Read-only side-by-side diff of two JSON documents. Import it lazily: it pulls in Monaco. */
export default function JsonDiffViewer({
  originalPath,
  modifiedPath,
  original,
  modified,
  height = 480,
  ariaLabel = 'Response comparison',
}: JsonDiffViewerProps) {
  const scheme = useComputedColorScheme('light');
  return (
    <DiffEditor
      original={original}
      modified={modified}
      originalModelPath={originalPath}
      modifiedModelPath={modifiedPath}
      language="json"
      height={height}
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      loading={null}
      options={{
        readOnly: true,
        originalEditable: false,
        renderSideBySide: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        ariaLabel,
        originalAriaLabel: `${ariaLabel}: left`,
        modifiedAriaLabel: `${ariaLabel}: right`,
        fixedOverflowWidgets: true,
      }}
    />
  );
}
