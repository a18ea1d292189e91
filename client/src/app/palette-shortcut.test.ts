import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dropQueuedPaletteRequest,
  installPaletteShortcut,
  isPaletteKey,
  onPaletteRequest,
  requestPalette,
} from './palette-shortcut';

const key = (init: Partial<KeyboardEvent>) => ({
  key: 'k',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...init,
});

describe('the palette shortcut', () => {
  afterEach(() => dropQueuedPaletteRequest());

  it('is Ctrl+K or Cmd+K, in either case, and nothing with Alt or Shift', () => {
    expect(isPaletteKey(key({ ctrlKey: true }))).toBe(true);
    expect(isPaletteKey(key({ metaKey: true, key: 'K' }))).toBe(true);
    expect(isPaletteKey(key({}))).toBe(false);
    expect(isPaletteKey(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteKey(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isPaletteKey(key({ ctrlKey: true, key: 'j' }))).toBe(false);
  });

  it('queues a request made before any palette listens and opens it when one registers', () => {
    requestPalette();
    const open = vi.fn();
    const stop = onPaletteRequest(open);
    expect(open).toHaveBeenCalledTimes(1);
    requestPalette();
    expect(open).toHaveBeenCalledTimes(2);
    stop();
    requestPalette();
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('opens only once for a queued request, and not at all after it was dropped', () => {
    requestPalette();
    dropQueuedPaletteRequest();
    const open = vi.fn();
    const stop = onPaletteRequest(open);
    expect(open).not.toHaveBeenCalled();
    stop();
  });

  it('takes the key in the capture phase so the focused element (Monaco) never sees it', () => {
    const target = new EventTarget();
    installPaletteShortcut(target as unknown as Window, () => false);
    const open = vi.fn();
    const stop = onPaletteRequest(open);
    // Node has no KeyboardEvent; an Event with its fields is what the listener reads.
    const event = Object.assign(
      new Event('keydown', { cancelable: true }),
      key({ ctrlKey: true, repeat: false }),
    );
    target.dispatchEvent(event);
    expect(open).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
    stop();
  });

  it('leaves the key alone where it is told to (the sign-in page)', () => {
    const target = new EventTarget();
    installPaletteShortcut(target as unknown as Window, () => true);
    const open = vi.fn();
    const stop = onPaletteRequest(open);
    const event = Object.assign(
      new Event('keydown', { cancelable: true }),
      key({ ctrlKey: true, repeat: false }),
    );
    target.dispatchEvent(event);
    expect(open).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
    stop();
  });
});
