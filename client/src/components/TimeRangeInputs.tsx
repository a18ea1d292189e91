import { DebouncedTextInput } from './DebouncedTextInput';

/** `datetime-local` speaks local wall time without a zone; the URL and the API speak ISO with one. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

type Props = {
  from: string | undefined;
  to: string | undefined;
  /** ISO times, or null when a field is cleared. */
  onChange: (patch: { from?: string | null; to?: string | null }) => void;
};

/** The "From" and "To" fields of a filter bar (history, audit log). */
export function TimeRangeInputs({ from, to, onChange }: Props) {
  return (
    <>
      <DebouncedTextInput
        label="From"
        type="datetime-local"
        value={toLocalInput(from)}
        onCommit={(value) => onChange({ from: fromLocalInput(value) })}
        w={200}
      />
      <DebouncedTextInput
        label="To"
        type="datetime-local"
        value={toLocalInput(to)}
        onCommit={(value) => onChange({ to: fromLocalInput(value) })}
        w={200}
      />
    </>
  );
}
