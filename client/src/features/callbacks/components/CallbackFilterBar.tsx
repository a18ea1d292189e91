import { type CallbackFilter, callbackVerdictSchema } from '@console/shared/api';
import { Button, Group, Select } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { DebouncedTextInput } from '../../../components/DebouncedTextInput';
import { TimeRangeInputs } from '../../../components/TimeRangeInputs';
import type { CallbackFilterPatch } from '../hooks/use-callback-filter';

type Props = {
  filter: CallbackFilter;
  environments: { value: string; label: string }[];
  onChange: (patch: CallbackFilterPatch) => void;
  onClear: () => void;
};

export function CallbackFilterBar({ filter, environments, onChange, onClear }: Props) {
  const active = Object.values(filter).some((v) => v !== undefined);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Callback filters">
      <Select
        label="Environment"
        placeholder="All"
        data={environments}
        value={filter.environmentId ?? null}
        onChange={(value) => onChange({ environmentId: value })}
        clearable
        w={200}
      />
      <DebouncedTextInput
        label="Command"
        placeholder="e.g. C2C.CallbackAfterSendMsg"
        value={filter.command ?? ''}
        onCommit={(value) => onChange({ command: value || null })}
        w={260}
      />
      <Select
        label="Verdict"
        placeholder="Any"
        data={[
          { value: 'accepted', label: 'Accepted' },
          { value: 'rejected', label: 'Rejected' },
        ]}
        value={filter.verdict ?? null}
        onChange={(value) => {
          const verdict = callbackVerdictSchema.safeParse(value);
          onChange({ verdict: verdict.success ? verdict.data : null });
        }}
        clearable
        w={150}
      />
      <TimeRangeInputs from={filter.from} to={filter.to} onChange={onChange} />
      {active && (
        <Button variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
