import { type HistoryFilter, outcomeSchema } from '@console/shared/api';
import { Button, Group, Select } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useCatalog } from '../../../api/get-catalog';
import { useEnvironments } from '../../../api/get-environments';
import { DebouncedTextInput } from '../../../components/DebouncedTextInput';
import { TimeRangeInputs } from '../../../components/TimeRangeInputs';
import type { FilterPatch } from '../hooks/use-history-filter';

const outcomes = [
  { value: 'ok', label: 'OK' },
  { value: 'fail', label: 'FAIL (error code)' },
  { value: 'error', label: 'Error (no answer)' },
  { value: 'pending', label: 'In flight' },
  { value: 'unknown', label: 'Unknown (console stopped)' },
];

// The support explorer's lookups are recorded like every call, and hidden here unless asked for.
const sources = [
  { value: 'console', label: 'Operators' },
  { value: 'explorer', label: 'Explorer lookups' },
  { value: 'all', label: 'Operators and explorer' },
];

type Props = { filter: HistoryFilter; onChange: (patch: FilterPatch) => void; onClear: () => void };

export function HistoryFilterBar({ filter, onChange, onClear }: Props) {
  const environments = useEnvironments();
  const catalog = useCatalog();
  const environmentOptions = useMemo(
    () =>
      (environments.data?.environments ?? []).map((e) => ({
        value: e.id,
        label: e.production ? `${e.label} (Production)` : e.label,
      })),
    [environments.data],
  );
  const commandOptions = useMemo(
    () => (catalog.data?.commands ?? []).map((c) => `${c.service}/${c.command}`),
    [catalog.data],
  );
  const commandValue = filter.service && filter.command ? `${filter.service}/${filter.command}` : null;
  const active = Object.values(filter).some((v) => v !== undefined);

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="History filters">
      <Select
        label="Environment"
        aria-label="Filter by environment"
        placeholder="All"
        data={environmentOptions}
        value={filter.environmentId ?? null}
        onChange={(value) => onChange({ environmentId: value })}
        clearable
        w={200}
      />
      <Select
        label="Command"
        placeholder="All commands"
        data={commandOptions}
        value={commandValue}
        onChange={(value) => {
          const [service, command] = value ? value.split('/') : [];
          onChange({ service: service ?? null, command: command ?? null });
        }}
        searchable
        clearable
        limit={100}
        nothingFoundMessage="No such command"
        w={260}
      />
      <Select
        label="Outcome"
        placeholder="Any"
        data={outcomes}
        value={filter.outcome ?? null}
        onChange={(value) => {
          const outcome = outcomeSchema.safeParse(value);
          onChange({ outcome: outcome.success ? outcome.data : null });
        }}
        clearable
        w={170}
      />
      <Select
        label="Made by"
        data={sources}
        value={filter.source ?? 'console'}
        onChange={(value) => onChange({ source: value === 'explorer' || value === 'all' ? value : null })}
        allowDeselect={false}
        w={190}
      />
      <DebouncedTextInput
        label="Error code"
        placeholder="e.g. 70107"
        inputMode="numeric"
        value={filter.errorCode === undefined ? '' : String(filter.errorCode)}
        onCommit={(value) => onChange({ errorCode: /^-?\d+$/.test(value) ? Number(value) : null })}
        w={120}
      />
      <DebouncedTextInput
        label="Operator"
        placeholder="username"
        value={filter.operator ?? ''}
        onCommit={(value) => onChange({ operator: value })}
        w={140}
      />
      <TimeRangeInputs from={filter.from} to={filter.to} onChange={onChange} />
      <DebouncedTextInput
        label="Search text"
        placeholder="command, bodies…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={filter.q ?? ''}
        onCommit={(value) => onChange({ q: value })}
        w={220}
      />
      {active && (
        <Button variant="subtle" leftSection={<IconX size={16} aria-hidden />} onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
