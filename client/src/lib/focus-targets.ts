/**
 * Places the keyboard can jump to that are not plain elements (the Monaco editor focuses through its
 * API): a component registers one while it is mounted, a skip link or a shortcut asks for it by name.
 */
const targets = new Map<string, () => void>();

export function registerFocusTarget(name: string, focus: () => void): () => void {
  targets.set(name, focus);
  return () => {
    if (targets.get(name) === focus) targets.delete(name);
  };
}

/** Focuses the target; false when nothing of that name is on screen. */
export function focusTarget(name: string): boolean {
  const focus = targets.get(name);
  if (!focus) return false;
  focus();
  return true;
}

/** True when the keyboard is in a field that takes text, where moving focus would lose keystrokes. */
export function typingInField(active: Element | null = document.activeElement): boolean {
  if (!active || active === document.body) return false;
  if (active instanceof HTMLElement && active.isContentEditable) return true;
  if (active instanceof HTMLTextAreaElement) return true;
  return (
    active instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(active.type)
  );
}
