/**
 * A RequestId as people paste it from tickets, logs and chat: quoted, labelled (`RequestId: Id-…`,
 * `"RequestId":"Id-…"`), with a trailing comma or full stop, or wrapped in spaces and line breaks.
 * Returns the bare ID (or what is left when nothing looks like a label), so an exact lookup finds it.
 */
export function normalizeRequestId(text: string): string {
  let value = text.trim();
  // A JSON or log fragment: take the value after the label.
  const labelled = /^["']?request[\s_-]?id["']?\s*[:=]\s*(.*)$/is.exec(value);
  if (labelled?.[1] !== undefined) value = labelled[1].trim();
  // Quotes, backticks and brackets around it; punctuation after it.
  value = value.replace(/^[\s"'`“”‘’<([{]+/, '').replace(/[\s"'`“”‘’>)\]}.,;]+$/, '');
  return value;
}
