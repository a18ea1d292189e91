import type { ConversationMessage, Environment } from '@console/shared/api';
import { Group, NumberInput, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ActionButton } from './ActionButton';
import { useMsgRandom } from './UserActions';

type Props = { environment: Environment; groupId: string };

function AddMemberAction({ environment, groupId }: Props) {
  const [account, setAccount] = useState('');
  return (
    <ActionButton
      environment={environment}
      service="group_open_http_svc"
      command="add_group_member"
      label="Add member"
      title={`Add a member to ${groupId}`}
      body={account.trim() ? { GroupId: groupId, MemberList: [{ Member_Account: account.trim() }] } : null}
    >
      <TextInput label="UserID to add" value={account} onChange={(e) => setAccount(e.currentTarget.value)} />
    </ActionButton>
  );
}

function ChangeOwnerAction({ environment, groupId }: Props) {
  const [owner, setOwner] = useState('');
  return (
    <ActionButton
      environment={environment}
      service="group_open_http_svc"
      command="change_group_owner"
      label="Change owner"
      title={`Change the owner of ${groupId}`}
      body={owner.trim() ? { GroupId: groupId, NewOwner_Account: owner.trim() } : null}
    >
      <TextInput
        label="New owner (a member)"
        value={owner}
        onChange={(e) => setOwner(e.currentTarget.value)}
      />
    </ActionButton>
  );
}

function SendMessageAction({ environment, groupId }: Props) {
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const random = useMsgRandom();
  return (
    <ActionButton
      environment={environment}
      service="group_open_http_svc"
      command="send_group_msg"
      label="Send a message"
      title={`Send a message to ${groupId}`}
      body={
        text.trim() === ''
          ? null
          : {
              GroupId: groupId,
              Random: random,
              ...(from.trim() ? { From_Account: from.trim() } : {}),
              MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
            }
      }
    >
      <TextInput
        label="As member (optional)"
        description="Empty: the message comes from the app admin."
        value={from}
        onChange={(e) => setFrom(e.currentTarget.value)}
      />
      <Textarea
        label="Message"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </ActionButton>
  );
}

/** Group-wide actions, each through the normal guarded send. */
export function GroupActions({ environment, groupId }: Props) {
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={`Actions on ${groupId}`}>
      <AddMemberAction environment={environment} groupId={groupId} />
      <ChangeOwnerAction environment={environment} groupId={groupId} />
      <SendMessageAction environment={environment} groupId={groupId} />
    </Group>
  );
}

/** Actions on one member of the group's table. */
export function MemberActions({ environment, groupId, account }: Props & { account: string }) {
  const [seconds, setSeconds] = useState<number | string>(600);
  const valid = typeof seconds === 'number' && seconds >= 0 && seconds <= 4294967295;
  return (
    <Group gap={4} wrap="nowrap">
      <ActionButton
        environment={environment}
        service="group_open_http_svc"
        command="forbid_send_msg"
        label={`Mute ${account}`}
        title={`Mute ${account} in ${groupId}`}
        body={valid ? { GroupId: groupId, Members_Account: [account], MuteTime: Number(seconds) } : null}
      >
        <NumberInput
          label="Seconds muted"
          description="0 unmutes."
          min={0}
          max={4294967295}
          value={seconds}
          onChange={setSeconds}
        />
      </ActionButton>
      <ActionButton
        environment={environment}
        service="group_open_http_svc"
        command="delete_group_member"
        label={`Remove ${account}`}
        title={`Remove ${account} from ${groupId}`}
        body={{ GroupId: groupId, MemberToDel_Account: [account] }}
      />
    </Group>
  );
}

/** Recall one message of the group's history (destructive, guarded). */
export function RecallAction({ environment, groupId, message }: Props & { message: ConversationMessage }) {
  if (message.seq === null || message.recalled || message.system) return null;
  return (
    <ActionButton
      environment={environment}
      service="group_open_http_svc"
      command="group_msg_recall"
      label={`Recall message ${message.seq}`}
      title={`Recall message ${message.seq} of ${groupId}`}
      body={{ GroupId: groupId, MsgSeqList: [{ MsgSeq: message.seq }] }}
      variant="subtle"
    />
  );
}
