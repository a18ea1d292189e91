import { lazy, Suspense } from 'react';
import { EditorSkeleton } from './EditorSkeleton';
import type { JsonEditorProps } from './JsonEditorImpl';

const Impl = lazy(() => import('./JsonEditorImpl'));

/** Monaco JSON editor, loaded on first use (Monaco is ~1 MB gzipped and stays off the first paint). */
export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<EditorSkeleton height={props.height ?? 360} label="Loading editor" />}>
      <Impl {...props} />
    </Suspense>
  );
}

export type { JsonEditorProps };
