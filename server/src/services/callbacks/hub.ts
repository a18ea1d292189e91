import type { CallbackEntry } from '@console/shared/api';

export type CallbackListener = (entry: CallbackEntry) => void;

/**
 * New and updated (forwarded) callbacks, for the inspector's live stream, in this process. With
 * replicas on PostgreSQL the service also publishes here what the others announce over
 * LISTEN/NOTIFY (decision 047), so every replica streams every callback.
 */
export class CallbackHub {
  private readonly listeners = new Set<CallbackListener>();

  subscribe(listener: CallbackListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  publish(entry: CallbackEntry): void {
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A listener whose connection broke is removed by its own close handler.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
