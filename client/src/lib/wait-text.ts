/** A wait as people say it: "45 seconds", "1 minute", "15 minutes", "2 hours". Rounded up. */
export function describeWait(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return s === 1 ? '1 second' : `${s} seconds`;
  }
  if (seconds < 3600) {
    const m = Math.ceil(seconds / 60);
    return m === 1 ? '1 minute' : `${m} minutes`;
  }
  const h = Math.ceil(seconds / 3600);
  return h === 1 ? '1 hour' : `${h} hours`;
}
