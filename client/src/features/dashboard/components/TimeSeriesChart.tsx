import { Skeleton, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense } from 'react';

export interface TimeSeriesChartProps {
  /** Unix seconds, one per point. */
  times: number[];
  series: { label: string; color: string; values: (number | null)[] }[];
  height: number;
  unit?: string;
  /** A click on the plot, with the index of the point under the cursor. */
  onPointClick?: (index: number) => void;
}

const Impl = lazy(() => import('./TimeSeriesChartImpl'));

/**
 * A chart with its accessible name and a text summary for screen readers; the canvas itself is
 * hidden from them. The chart library arrives in its own chunk, after the numbers are on screen.
 */
export function TimeSeriesChart({
  label,
  summary,
  ...props
}: TimeSeriesChartProps & { label: string; summary: string }) {
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <div aria-hidden="true">
        <Suspense fallback={<Skeleton height={props.height} />}>
          <Impl {...props} />
        </Suspense>
      </div>
      <VisuallyHidden component="figcaption">{summary}</VisuallyHidden>
    </figure>
  );
}
