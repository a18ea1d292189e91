import { useComputedColorScheme } from '@mantine/core';
import Editor from '@monaco-editor/react';
import { monacoTheme } from './setup';

export type JsonViewerProps = {
  /** Model path; distinct per viewer so two viewers never share a model. */
  path: string;
  value: string;
  height?: number | string;
  ariaLabel?: string;
};

/** Read-only, foldable JSON. */
export default function JsonViewerImpl({
  path,
  value,
  height,
  ariaLabel = 'Response body',
}: JsonViewerProps) {
  const scheme = useComputedColorScheme('light');
  const lines = value.split('\n', 2000).length;
  const auto = Math.min(Math.max(lines * 19 + 16, 120), 560);
  return (
    <Editor
      path={path}
      language="json"
      value={value}
      height={height ?? auto}
      theme={monacoTheme(scheme)}
      loading={null}
      options={{
        ariaLabel,
        readOnly: true,
        domReadOnly: true,
        folding: true,
        showFoldingControls: 'always',
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        renderLineHighlight: 'none',
        fixedOverflowWidgets: true,
      }}
    />
  );
}
