import { Text, type TextProps, Tooltip } from '@mantine/core';
import type { ClipboardEvent, KeyboardEvent, ReactElement } from 'react';
import { describeTime, formatTime, isoTime } from '../lib/format-time';

/**
 * Copy handlers for an element that shows a time: a copy of the text selected inside it, or Ctrl/Cmd+C
 * while it has the focus and nothing is selected, puts the ISO 8601 form on the clipboard — what logs,
 * tickets and the API speak. A selection that reaches beyond the time is copied as the page shows it.
 */
export function timeCopyHandlers(iso: string) {
  return {
    onCopy(event: ClipboardEvent<HTMLElement>) {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      if (!event.currentTarget.contains(selection.getRangeAt(0).commonAncestorContainer)) return;
      event.clipboardData.setData('text/plain', isoTime(iso));
      event.preventDefault();
    },
    onKeyDown(event: KeyboardEvent<HTMLElement>) {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'c') return;
      if (window.getSelection()?.isCollapsed === false) return;
      void navigator.clipboard?.writeText(isoTime(iso));
    },
  };
}

/**
 * Shows the zone and the ISO form of `iso` while its child is hovered or focused. For a time inside a
 * focusable element (a link), wrap that element; `Timestamp` wraps itself.
 */
export function TimeTooltip({ iso, children }: { iso: string; children: ReactElement }) {
  return (
    <Tooltip
      label={describeTime(iso)}
      events={{ hover: true, focus: true, touch: true }}
      multiline
      maw={360}
      openDelay={150}
      withArrow
    >
      {children}
    </Tooltip>
  );
}

type Props = Omit<TextProps, 'children'> & {
  /** The stored ISO time; null or undefined shows `empty`. */
  value: string | null | undefined;
  empty?: string;
  /**
   * False when the time sits inside a link or a button, which takes the focus (and the tooltip, through
   * `TimeTooltip`): a second tab stop inside it would be noise.
   */
  focusable?: boolean;
};

/** A recorded time as the whole console shows it: local, to the second; the zone and ISO on hover and focus. */
export function Timestamp({ value, empty = '—', focusable = true, size = 'sm', ...text }: Props) {
  if (!value) {
    return (
      <Text span size={size} {...text}>
        {empty}
      </Text>
    );
  }
  const time = (
    <Text
      component="time"
      dateTime={isoTime(value)}
      size={size}
      // A keyboard user reaches the zone the way a mouse user does: by moving onto the time.
      tabIndex={focusable ? 0 : undefined}
      className={focusable ? 'console-focus' : undefined}
      style={{ whiteSpace: 'nowrap' }}
      {...text}
      {...timeCopyHandlers(value)}
    >
      {formatTime(value)}
    </Text>
  );
  return focusable ? <TimeTooltip iso={value}>{time}</TimeTooltip> : time;
}
