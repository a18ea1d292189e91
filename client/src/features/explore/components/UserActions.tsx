import type { Environment } from '@console/shared/api';
import { Group, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ActionButton } from './ActionButton';

/** A 32-bit random for MsgRandom, fixed for one dialog so a confirmation re-send is the same message. */
export const useMsgRandom = () => useState(() => Math.floor(Math.random() * 0xffffffff))[0];

const FOREVER = 4294967295;

const profileTags = [
  { value: 'Tag_Profile_IM_Nick', label: 'Nick' },
  { value: 'Tag_Profile_IM_Image', label: 'Avatar URL' },
  { value: 'Tag_Profile_IM_Gender', label: 'Gender' },
  { value: 'Tag_Profile_IM_SelfSignature', label: 'Signature' },
  { value: 'Tag_Profile_IM_Location', label: 'Location' },
  { value: 'Tag_Profile_IM_AllowType', label: 'Friend request setting' },
];

function MuteAction({ environment, userId }: { environment: Environment; userId: string }) {
  const [c2c, setC2c] = useState<number | string>(3600);
  const [group, setGroup] = useState<number | string>(3600);
  const valid = (v: number | string) => typeof v === 'number' && v >= 0 && v <= FOREVER;
  return (
    <ActionButton
      environment={environment}
      service="openconfigsvr"
      command="setnospeaking"
      label="Mute"
      title={`Mute ${userId} everywhere`}
      body={
        valid(c2c) && valid(group)
          ? { Set_Account: userId, C2CmsgNospeakingTime: Number(c2c), GroupmsgNospeakingTime: Number(group) }
          : null
      }
    >
      <NumberInput
        label="One-to-one messages: seconds muted"
        description="0 unmutes; 4294967295 is for ever."
        min={0}
        max={FOREVER}
        value={c2c}
        onChange={setC2c}
      />
      <NumberInput
        label="Group messages: seconds muted"
        min={0}
        max={FOREVER}
        value={group}
        onChange={setGroup}
      />
    </ActionButton>
  );
}

function SystemMessageAction({ environment, userId }: { environment: Environment; userId: string }) {
  const [text, setText] = useState('');
  const random = useMsgRandom();
  return (
    <ActionButton
      environment={environment}
      service="openim"
      command="sendmsg"
      label="Send system message"
      title={`Send ${userId} a message from the app admin`}
      body={
        text.trim() === ''
          ? null
          : {
              SyncOtherMachine: 2,
              To_Account: userId,
              MsgRandom: random,
              MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
            }
      }
    >
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

function ProfileAction({
  environment,
  userId,
  customTags,
}: {
  environment: Environment;
  userId: string;
  customTags: readonly string[];
}) {
  const [tag, setTag] = useState<string | null>('Tag_Profile_IM_Nick');
  const [custom, setCustom] = useState('');
  const [value, setValue] = useState('');
  const chosen = tag === 'custom' ? custom.trim() : tag;
  const validTag = chosen !== null && /^Tag_Profile_(IM|Custom)_[A-Za-z0-9_]+$/.test(chosen);
  return (
    <ActionButton
      environment={environment}
      service="profile"
      command="portrait_set"
      label="Edit profile field"
      title={`Edit a profile field of ${userId}`}
      body={validTag ? { From_Account: userId, ProfileItem: [{ Tag: chosen, Value: value }] } : null}
    >
      <Select
        label="Field"
        data={[
          ...profileTags,
          ...customTags.map((t) => ({ value: t, label: t })),
          { value: 'custom', label: 'Other custom field (Tag_Profile_Custom_…)' },
        ]}
        value={tag}
        onChange={setTag}
        allowDeselect={false}
      />
      {tag === 'custom' && (
        <TextInput
          label="Custom tag"
          placeholder="Tag_Profile_Custom_Level"
          value={custom}
          onChange={(e) => setCustom(e.currentTarget.value)}
        />
      )}
      <TextInput label="New value" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
    </ActionButton>
  );
}

export function ImportAction({ environment, userId }: { environment: Environment; userId: string }) {
  const [nick, setNick] = useState('');
  return (
    <ActionButton
      environment={environment}
      service="im_open_login_svc"
      command="account_import"
      label="Import this account"
      title={`Import ${userId}`}
      variant="filled"
      size="sm"
      body={{ UserID: userId, ...(nick.trim() ? { Nick: nick.trim() } : {}) }}
    >
      <TextInput label="Nick (optional)" value={nick} onChange={(e) => setNick(e.currentTarget.value)} />
    </ActionButton>
  );
}

/** What support does to a user, each through the normal guarded send. */
export function UserActions({
  environment,
  userId,
  customTags,
}: {
  environment: Environment;
  userId: string;
  /** The app's custom profile fields the page reads, offered as fields to edit. */
  customTags: readonly string[];
}) {
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={`Actions on ${userId}`}>
      <ActionButton
        environment={environment}
        service="im_open_login_svc"
        command="kick"
        label="Kick"
        title={`Kick ${userId}: log out every device`}
        body={{ UserID: userId }}
      />
      <MuteAction environment={environment} userId={userId} />
      <ActionButton
        environment={environment}
        service="openconfigsvr"
        command="setnospeaking"
        label="Unmute"
        title={`Unmute ${userId}`}
        body={{ Set_Account: userId, C2CmsgNospeakingTime: 0, GroupmsgNospeakingTime: 0 }}
      />
      <SystemMessageAction environment={environment} userId={userId} />
      <ProfileAction environment={environment} userId={userId} customTags={customTags} />
    </Group>
  );
}
