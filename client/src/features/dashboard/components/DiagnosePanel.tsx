import type { DiagnoseStep } from '@console/shared/api';
import { Alert, Button, Group, List, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconMinus, IconStethoscope, IconX } from '@tabler/icons-react';
import { useSession } from '../../../api/get-session';
import { useDiagnose } from '../api/diagnose';

function verdict(step: DiagnoseStep) {
  if (step.ok === true) return { color: 'teal', icon: <IconCheck size={14} />, word: 'passed' };
  if (step.ok === false) return { color: 'red', icon: <IconX size={14} />, word: 'failed' };
  return { color: 'gray', icon: <IconMinus size={14} />, word: 'not applicable' };
}

/** Tencent's own troubleshooting (telnet, curl -I), done for the operator step by step. */
export function DiagnosePanel({ environmentId }: { environmentId: string }) {
  const session = useSession();
  const run = useDiagnose(environmentId);
  const role = session.data?.user.role;
  const allowed = role === 'operator' || role === 'admin';
  const result = run.data?.environmentId === environmentId ? run.data : undefined;

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label="Connectivity diagnosis">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="xs">
        <div>
          <Title order={2} size="h4">
            Connectivity diagnosis
          </Title>
          <Text size="xs" c="dimmed">
            DNS, TCP, TLS and HTTP to this environment’s host, then one signed call that proves the SDKAppID,
            admin and key. Recorded in the History and the audit log.
          </Text>
        </div>
        {allowed ? (
          <Button
            size="xs"
            leftSection={<IconStethoscope size={14} />}
            loading={run.isPending}
            onClick={() => run.mutate()}
          >
            Run diagnosis
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            Operators and admins can run it.
          </Text>
        )}
      </Group>
      {run.isError && (
        <Alert color="red" role="alert" title="The diagnosis could not run">
          {run.error.message}
        </Alert>
      )}
      {result && (
        <List spacing="xs" listStyleType="none" aria-label="Diagnosis steps" aria-live="polite">
          {result.steps.map((step) => {
            const v = verdict(step);
            return (
              <List.Item
                key={step.name}
                icon={
                  <ThemeIcon color={v.color} size={20} radius="xl" aria-hidden="true">
                    {v.icon}
                  </ThemeIcon>
                }
              >
                <Text size="sm" fw={600} span>
                  {step.title}: {v.word}
                  {step.ms !== null && ` in ${step.ms} ms`}
                </Text>
                <Text size="sm" c={step.ok === false ? 'red' : 'dimmed'}>
                  {step.detail}
                </Text>
              </List.Item>
            );
          })}
        </List>
      )}
    </Paper>
  );
}
