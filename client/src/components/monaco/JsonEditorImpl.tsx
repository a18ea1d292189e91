import { useComputedColorScheme } from '@mantine/core';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import { registerFocusTarget, typingInField } from '../../lib/focus-targets';
import { monaco, monacoTheme, registerSchema } from './setup';

export type JsonEditorProps = {
  /** Model path, e.g. `inmemory://body/openim/sendmsg.json`; one model (and undo stack) per path. */
  path: string;
  value: string;
  onChange: (value: string) => void;
  schema?: object;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmit?: () => void;
  /** Number of schema warnings on the model, for a summary outside the editor. */
  onWarnings?: (count: number) => void;
  height?: number | string;
  ariaLabel?: string;
  /** Take the caret when the editor appears, unless the keyboard is busy in another field. */
  autoFocus?: boolean;
  /** Registers the editor as a named focus target (skip links) while it is mounted. */
  focusTargetName?: string;
};

export default function JsonEditorImpl({
  path,
  value,
  onChange,
  schema,
  onSubmit,
  onWarnings,
  height = 360,
  ariaLabel = 'Request body editor',
  autoFocus = false,
  focusTargetName,
}: JsonEditorProps) {
  const scheme = useComputedColorScheme('light');
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;

  useEffect(() => {
    if (schema) registerSchema(path, schema);
  }, [path, schema]);

  const [editor, setEditor] = useState<Parameters<OnMount>[0] | null>(null);

  // The name follows the command even if the same editor instance is handed a new one.
  useEffect(() => {
    editor?.updateOptions({ ariaLabel });
  }, [editor, ariaLabel]);

  useEffect(() => {
    if (!editor || !focusTargetName) return;
    return registerFocusTarget(focusTargetName, () => editor.focus());
  }, [editor, focusTargetName]);

  const onMount: OnMount = (editor) => {
    setEditor(editor);
    if (autoFocus) {
      const take = () => {
        if (!typingInField()) editor.focus();
      };
      // Picked from the palette, the editor can mount while the palette's dialog is still closing
      // with its search field focused: wait for the close (200 ms), then take the caret.
      if (document.activeElement?.closest('[role="dialog"]')) window.setTimeout(take, 350);
      else take();
    }
    // An action, not addCommand: addCommand is global and the last mounted editor would win.
    editor.addAction({
      id: 'console.send',
      label: 'Send request',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => submitRef.current?.(),
    });
  };

  return (
    <Editor
      path={path}
      language="json"
      value={value}
      height={height}
      theme={monacoTheme(scheme)}
      onChange={(v) => onChange(v ?? '')}
      onMount={onMount}
      onValidate={(markers) => onWarnings?.(markers.length)}
      loading={null}
      options={{
        ariaLabel,
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        formatOnPaste: false,
        fixedOverflowWidgets: true,
        wordWrap: 'on',
      }}
    />
  );
}
