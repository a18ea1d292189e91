import type { ConfirmationReason } from '@console/shared/guard-rails';
import { TextInput } from '@mantine/core';
import { confirmationNote } from '../../lib/access';

/**
 * The field where an operator types the command name before a guarded send (console, replay,
 * explorer actions), saying why it is asked. It takes the focus when its dialog opens.
 */
export function TypeToConfirm({
  command,
  reason,
  value,
  onChange,
}: {
  command: string;
  reason: ConfirmationReason;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      label={`Type ${command} to confirm`}
      description={confirmationNote(reason)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      autoComplete="off"
      data-autofocus
    />
  );
}
