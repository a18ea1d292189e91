/**
 * Stands in for a virtualized table's rows that are out of view (above or below the rendered ones), so
 * the table scrolls as tall as all its rows.
 */
export function VirtualSpacerRow({ height, colSpan }: { height: number; colSpan: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden>
      <td colSpan={colSpan} style={{ height, padding: 0 }} />
    </tr>
  );
}
