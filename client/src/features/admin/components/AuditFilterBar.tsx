import { type AuditFilter, auditActionSchema, auditActions } from '@console/shared/api';
import { Button, Group, Select } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { DebouncedTextInput } from '../../../components/DebouncedTextInput';
import { TimeRangeInputs } from '../../../components/TimeRangeInputs';
import type { AuditFilterPatch } from '../lib/audit-filter';

const actionOptions = auditActions.map((action) => ({ value: action, label: action }));

type Props = { filter: AuditFilter; onChange: (patch: AuditFilterPatch) => void; onClear: () => void };

export function AuditFilterBar({ filter, onChange, onClear }: Props) {
  const active = Object.values(filter).some((v) => v !== undefined);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Audit filters">
      <DebouncedTextInput
        label="Actor"
        placeholder="username or system"
        value={filter.actor ?? ''}
        onCommit={(value) => onChange({ actor: value })}
        w={180}
      />
      <Select
        label="Action"
        placeholder="All actions"
        data={actionOptions}
        value={filter.action ?? null}
        onChange={(value) => {
          const action = auditActionSchema.safeParse(value);
          onChange({ action: action.success ? action.data : null });
        }}
        searchable
        clearable
        nothingFoundMessage="No such action"
        w={220}
      />
      <TimeRangeInputs from={filter.from} to={filter.to} onChange={onChange} />
      {active && (
        <Button variant="subtle" leftSection={<IconX size={16} aria-hidden />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
