import {
  RUN_INPUT_MAX_BYTES,
  RUN_MAX_ROWS,
  type Run,
  type RunPreview,
  runPreviewSchema,
  runSchema,
} from '@console/shared/api';
import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  List,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconEye, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useCatalog } from '../../../api/get-catalog';
import { useEnvironments } from '../../../api/get-environments';
import { useSession } from '../../../api/get-session';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { JsonEditor } from '../../../components/monaco/JsonEditor';
import { sendBlockedReason } from '../../../lib/access';
import { postRows, type RowsFields } from '../api/post-rows';

type Props = { onStarted: (run: Run) => void };

const DEFAULT_TEMPLATE = '{\n  "UserID": "{{user}}"\n}';
/** Longer rows are shown as their start and a count, read-only: a textarea holding megabytes is slow to edit. */
const EDITABLE_CHARS = 200_000;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const INPUT_LIMIT = `at most ${RUN_INPUT_MAX_BYTES / 1024 / 1024} MiB and ${RUN_MAX_ROWS.toLocaleString('en-US')} rows`;

/** Lines of a text, without splitting it into strings. */
function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n += 1;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/** A new run over rows: environment, command, body template, input, then preview and start. */
export function NewRunForm({ onStarted }: Props) {
  const catalog = useCatalog();
  const environments = useEnvironments();
  const session = useSession();
  const [environmentId, setEnvironmentId] = useState<string | null>(null);
  const [commandKey, setCommandKey] = useState<string | null>('im_open_login_svc/account_import');
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const [format, setFormat] = useState<'csv' | 'jsonl'>('csv');
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ picked: File; name: string; bytes: number; lines: number } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [rate, setRate] = useState<number | string>('');
  const [concurrency, setConcurrency] = useState<number | string>(4);
  const [confirm, setConfirm] = useState('');
  const [preview, setPreview] = useState<RunPreview | null>(null);

  const envList = environments.data?.environments ?? [];
  const environment = envList.find((e) => e.id === environmentId) ?? envList[0];
  const commands = catalog.data?.commands ?? [];
  const command = commands.find((c) => `${c.service}/${c.command}` === commandKey);
  const role = session.data?.user.role ?? 'viewer';
  const blocked = environment && command ? sendBlockedReason(role, command.access, environment) : null;

  const commandOptions = useMemo(
    () =>
      commands.map((c) => ({
        value: `${c.service}/${c.command}`,
        label: `${c.service}/${c.command} — ${c.title}`,
      })),
    [commands],
  );

  const fields = (): RowsFields => ({
    environmentId: environment?.id ?? '',
    service: command?.service ?? '',
    command: command?.command ?? '',
    template,
    format,
    ...(typeof rate === 'number' ? { ratePerSec: rate } : {}),
    ...(typeof concurrency === 'number' ? { concurrency } : {}),
  });
  // A picked file goes to the upload worker as it is (a Blob, not copied); typed or pasted rows as text.
  const rows = () => file?.picked ?? text;

  const previewing = useMutation({
    mutationFn: () => postRows('/api/runs/preview', fields(), rows(), runPreviewSchema),
    onSuccess: setPreview,
  });
  const starting = useMutation({
    mutationFn: () =>
      postRows('/api/runs', { ...fields(), ...(confirm ? { confirm } : {}) }, rows(), runSchema),
    onSuccess: (run) => {
      setPreview(null);
      setConfirm('');
      onStarted(run);
    },
  });

  const readFile = async (chosen: File | null) => {
    setPreview(null);
    setFileError(null);
    if (!chosen) {
      // Clearing the file clears the rows it loaded.
      if (file) setText('');
      setFile(null);
      return;
    }
    if (chosen.size > RUN_INPUT_MAX_BYTES) {
      setFileError(`${chosen.name} is ${mib(chosen.size)}; a run's input is ${INPUT_LIMIT}`);
      return;
    }
    // Read off the main thread; the page shows the start of it and a count, never megabytes in a textarea.
    const loaded = await chosen.text();
    setText(loaded);
    setFile({ picked: chosen, name: chosen.name, bytes: chosen.size, lines: countLines(loaded) });
    if (chosen.name.endsWith('.jsonl') || chosen.name.endsWith('.ndjson')) setFormat('jsonl');
  };

  const large = text.length > EDITABLE_CHARS;
  // The first lines of a large input, taken once per input rather than on every render.
  const excerpt = useMemo(() => (large ? text.slice(0, 2000) : ''), [large, text]);
  const ready = environment !== undefined && command !== undefined && /\S/.test(text);
  const confirmationMissing = preview?.confirmation != null && confirm !== preview.confirmation;
  const error = previewing.error ?? starting.error;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-run-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="new-run-title">
          New run
        </Title>
        <Group grow align="flex-start">
          <Select
            label="Environment"
            data={envList.map((e) => ({ value: e.id, label: e.label }))}
            value={environment?.id ?? null}
            onChange={(v) => {
              setEnvironmentId(v);
              setPreview(null);
            }}
            allowDeselect={false}
          />
          <Select
            label="Command"
            searchable
            data={commandOptions}
            value={commandKey}
            onChange={(v) => {
              setCommandKey(v);
              setPreview(null);
            }}
            nothingFoundMessage="No such command"
          />
        </Group>
        <Text size="sm" fw={500} id="template-label">
          Body template: {'{{column}}'} inside a string takes the row's value; {'"{{column:number}}"'} a
          number; {'"{{column:json}}"'} parsed JSON
        </Text>
        <ErrorBoundary name="Template editor" resetKey={commandKey ?? ''}>
          <Paper withBorder style={{ overflow: 'hidden' }}>
            <JsonEditor
              path={`inmemory://run-template/${commandKey ?? 'none'}.json`}
              value={template}
              onChange={(v) => {
                setTemplate(v);
                setPreview(null);
              }}
              {...(command ? { schema: command.schema } : {})}
              height={180}
              ariaLabel="Body template"
            />
          </Paper>
        </ErrorBoundary>
        <Group align="flex-end">
          <SegmentedControl
            aria-label="Input format"
            value={format}
            onChange={(v) => {
              setFormat(v === 'jsonl' ? 'jsonl' : 'csv');
              setPreview(null);
            }}
            data={[
              { value: 'csv', label: 'CSV' },
              { value: 'jsonl', label: 'JSON Lines' },
            ]}
          />
          <FileInput
            label="Upload a file"
            description={`A .csv or .jsonl file, ${INPUT_LIMIT} (larger ones are refused); it replaces the rows below`}
            accept=".csv,.jsonl,.ndjson,.txt,text/csv"
            value={file?.picked ?? null}
            onChange={(f) => void readFile(f)}
            error={fileError}
            clearable
            style={{ flex: 1 }}
          />
        </Group>
        <Textarea
          label={format === 'csv' ? 'Rows (CSV, header line first)' : 'Rows (JSON Lines, one object a line)'}
          description={
            file
              ? `${file.name}: ${file.lines.toLocaleString('en-US')} lines loaded (${mib(file.bytes)})`
              : `Paste or type rows, or upload a file (${INPUT_LIMIT})`
          }
          placeholder={format === 'csv' ? 'user,nick\nalice,Alice' : '{"user":"alice"}'}
          value={
            large
              ? `${excerpt}\n… (${text.length.toLocaleString('en-US')} characters loaded; “Clear rows” to change them)`
              : text
          }
          readOnly={large}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setFile(null);
            setPreview(null);
          }}
          onPaste={(e) => {
            // Megabytes pasted replace the rows without ever being put into the textarea itself.
            const pasted = e.clipboardData.getData('text');
            if (pasted.length <= EDITABLE_CHARS) return;
            e.preventDefault();
            setText(pasted);
            setFile(null);
            setPreview(null);
          }}
          // Measuring the height of megabytes on every render is itself a freeze: a large input shows a fixed excerpt.
          autosize={!large}
          {...(large ? { rows: 10 } : { minRows: 4, maxRows: 10 })}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        {large && (
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setText('');
                setFile(null);
                setPreview(null);
              }}
            >
              Clear rows
            </Button>
          </Group>
        )}
        <Group grow>
          <NumberInput
            label="Lower rate (calls per second, optional)"
            min={0.1}
            value={rate}
            onChange={setRate}
            description={
              preview ? `The limit in force is ${preview.limitPerSec}/s` : 'Defaults to the command limit'
            }
          />
          <NumberInput label="Concurrency" min={1} max={8} value={concurrency} onChange={setConcurrency} />
        </Group>
        {blocked && (
          <Text size="sm" c="dimmed" id="run-blocked-reason">
            {blocked}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            leftSection={<IconEye size={16} />}
            disabled={!ready}
            loading={previewing.isPending}
            onClick={() => previewing.mutate()}
          >
            Preview
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle size={18} />}>
            {error.message}
          </Alert>
        )}
        {preview && (
          <Stack gap="xs" aria-label="Preview" component="section">
            <Text size="sm">
              <strong>{preview.total}</strong> rows · columns:{' '}
              {preview.columns.map((c) => `"${c}"`).join(', ') || 'none'}
              {' · '}
              {preview.errorCount === 0 ? 'every row renders' : `${preview.errorCount} rows do not render`}
            </Text>
            {preview.errors.length > 0 && (
              <Alert color="red" title="Rows that do not render" icon={<IconAlertTriangle size={18} />}>
                <List size="sm">
                  {preview.errors.map((e) => (
                    <List.Item key={e.row}>
                      Line {e.line}: {e.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Table withTableBorder striped aria-label="First rendered bodies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Body</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.samples.map((s) => (
                  <Table.Tr key={s.row}>
                    <Table.Td>{s.line}</Table.Td>
                    <Table.Td>
                      <Code block>{JSON.stringify(s.body, null, 2)}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {preview.confirmation !== null && (
              <TextInput
                label={`Type "${preview.confirmation}" to start this run`}
                description="The command name and the number of rows it will be sent for."
                value={confirm}
                onChange={(e) => setConfirm(e.currentTarget.value)}
                autoComplete="off"
              />
            )}
            <Group>
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                color={command?.access === 'destructive' ? 'red' : undefined}
                disabled={
                  preview.errorCount > 0 || preview.total === 0 || confirmationMissing || blocked !== null
                }
                loading={starting.isPending}
                onClick={() => starting.mutate()}
                aria-describedby={blocked ? 'run-blocked-reason' : undefined}
              >
                Start run of {preview.total} rows
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
