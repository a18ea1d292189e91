import type { ConversationMessage } from '@console/shared/api';
import { Anchor, Badge, Box, Code, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatTime } from '../../lib/format-time';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (o: Obj, k: string): string | null =>
  typeof o[k] === 'string' || typeof o[k] === 'number' ? String(o[k]) : null;

/**
 * A URL from a message, as a link that opens only when clicked: nothing from another origin is ever
 * loaded on its own (no <img>, no <audio>), and only http(s) becomes a link.
 */
function ExternalLink({ url, label }: { url: string | null; label: string }) {
  if (url === null || url === '') return null;
  if (!/^https?:\/\//i.test(url)) {
    return (
      <Text size="sm" ff="monospace">
        {label}: {url}
      </Text>
    );
  }
  return (
    <Anchor href={url} target="_blank" rel="noopener noreferrer nofollow" size="sm">
      {label}
    </Anchor>
  );
}

function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

const imageKinds: Record<string, string> = { '1': 'Original image', '2': 'Large image', '3': 'Thumbnail' };

/** One element of a message body, by its type (issue 15's list); anything else as JSON. */
export function MessageElement({ type, content }: { type: string; content: unknown }) {
  const c = isObj(content) ? content : {};
  switch (type) {
    case 'TIMTextElem':
      return (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text(c, 'Text') ?? ''}
        </Text>
      );
    case 'TIMFaceElem':
      return (
        <Text size="sm">
          Face #{text(c, 'Index') ?? '?'}
          {text(c, 'Data') ? ` (${text(c, 'Data')})` : ''}
        </Text>
      );
    case 'TIMLocationElem':
      return (
        <Text size="sm">
          Location: {text(c, 'Desc') ?? '—'} ({text(c, 'Latitude') ?? '?'}, {text(c, 'Longitude') ?? '?'})
        </Text>
      );
    case 'TIMCustomElem':
      return (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            Custom message{text(c, 'Desc') ? `: ${text(c, 'Desc')}` : ''}
          </Text>
          <Code block style={{ maxHeight: 240, overflow: 'auto' }}>
            {prettyJson(c.Data ?? null)}
          </Code>
          {text(c, 'Ext') && (
            <Text size="xs" c="dimmed">
              Ext: {text(c, 'Ext')}
            </Text>
          )}
        </Stack>
      );
    case 'TIMImageElem': {
      const images = Array.isArray(c.ImageInfoArray) ? c.ImageInfoArray.filter(isObj) : [];
      return (
        <Stack gap={2}>
          <Text size="sm">Image{text(c, 'UUID') ? ` ${text(c, 'UUID')}` : ''}</Text>
          {images.map((img, i) => (
            <ExternalLink
              // biome-ignore lint/suspicious/noArrayIndexKey: the array's order is the message's own
              key={i}
              url={text(img, 'URL')}
              label={`${imageKinds[text(img, 'Type') ?? ''] ?? 'Image'}${
                text(img, 'Width') ? ` ${text(img, 'Width')}×${text(img, 'Height')}` : ''
              }`}
            />
          ))}
        </Stack>
      );
    }
    case 'TIMSoundElem':
      return (
        <Group gap="xs">
          <Text size="sm">Voice {text(c, 'Second') ?? '?'} s</Text>
          <ExternalLink url={text(c, 'Url')} label="Open audio" />
        </Group>
      );
    case 'TIMFileElem':
      return (
        <Group gap="xs">
          <Text size="sm">
            File {text(c, 'FileName') ?? ''}
            {text(c, 'FileSize') ? ` (${text(c, 'FileSize')} bytes)` : ''}
          </Text>
          <ExternalLink url={text(c, 'Url')} label="Open file" />
        </Group>
      );
    case 'TIMVideoFileElem':
      return (
        <Group gap="xs">
          <Text size="sm">Video {text(c, 'VideoSecond') ?? '?'} s</Text>
          <ExternalLink url={text(c, 'VideoUrl')} label="Open video" />
          <ExternalLink url={text(c, 'ThumbUrl')} label="Open thumbnail" />
        </Group>
      );
    default:
      return (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {type}
          </Text>
          <Code block>{prettyJson(content)}</Code>
        </Stack>
      );
  }
}

export type ConversationViewProps = {
  messages: readonly ConversationMessage[];
  /** Whose messages are drawn on the right (the account whose history this is), if any. */
  selfId?: string | null;
  /** Actions on one message (Recall …), shown under its bubble. */
  actions?: (message: ConversationMessage) => ReactNode;
  label: string;
};

/**
 * Messages as a conversation (issue 15): bubbles by sender and time, oldest first; recalled and
 * system messages marked. Images, audio, files and videos are links, never loaded on their own.
 */
export function ConversationView({ messages, selfId, actions, label }: ConversationViewProps) {
  if (messages.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No messages.
      </Text>
    );
  }
  return (
    <Stack gap="sm" component="ol" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {messages.map((m, i) => {
        const mine = selfId != null && m.from === selfId;
        const align = m.system ? 'center' : mine ? 'flex-end' : 'flex-start';
        const when = m.time === null ? null : formatTime(new Date(m.time * 1000).toISOString());
        return (
          <Box
            component="li"
            // biome-ignore lint/suspicious/noArrayIndexKey: seq and key may both be absent; the order is stable
            key={`${m.key ?? m.seq ?? ''}-${i}`}
            style={{ display: 'flex', justifyContent: align }}
            data-testid="conversation-message"
          >
            <Paper
              withBorder
              p="xs"
              radius="md"
              maw="80%"
              bg={
                m.system
                  ? 'var(--mantine-color-default-hover)'
                  : mine
                    ? 'var(--mantine-primary-color-light)'
                    : undefined
              }
              style={m.recalled ? { opacity: 0.75, borderStyle: 'dashed' } : undefined}
            >
              <Stack gap={4}>
                <Group gap="xs" wrap="wrap">
                  <Text size="xs" fw={700}>
                    {m.system ? 'System' : (m.from ?? 'unknown sender')}
                  </Text>
                  {when && (
                    <Text
                      size="xs"
                      c="dimmed"
                      component="time"
                      dateTime={new Date((m.time ?? 0) * 1000).toISOString()}
                    >
                      {when}
                    </Text>
                  )}
                  {m.seq !== null && (
                    <Text size="xs" c="dimmed">
                      seq {m.seq}
                    </Text>
                  )}
                  {m.recalled && (
                    <Badge size="xs" color="orange" variant="light">
                      Recalled or deleted
                    </Badge>
                  )}
                  {m.system && (
                    <Badge size="xs" color="gray" variant="light">
                      System message
                    </Badge>
                  )}
                </Group>
                {m.elements.map((el, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: elements have no identity beyond their place
                  <MessageElement key={j} type={el.type} content={el.content} />
                ))}
                {actions?.(m)}
              </Stack>
            </Paper>
          </Box>
        );
      })}
    </Stack>
  );
}
