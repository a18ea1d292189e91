import { lazy, Suspense } from 'react';
import { EditorSkeleton } from './EditorSkeleton';
import type { JsonViewerProps } from './JsonViewerImpl';

const Impl = lazy(() => import('./JsonViewerImpl'));

/** Read-only Monaco JSON viewer with folding, loaded on first use. */
export function JsonViewer(props: JsonViewerProps) {
  return (
    <Suspense fallback={<EditorSkeleton height={props.height ?? 200} label="Loading viewer" />}>
      <Impl {...props} />
    </Suspense>
  );
}

export type { JsonViewerProps };
