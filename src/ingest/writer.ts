// Group commit: concurrent ingest calls share one transaction. A write starts on the next turn of
// the event loop (setImmediate), after every request already received has been parsed and
// queued; while a write is in progress, new calls queue for the next one. SQLite calls are
// synchronous, so without that turn each transaction would hold a single request. Each call
// resolves only after its events are committed.
import type { Store } from '../store/index.js';
import type { IngestedMessage } from './normalize.js';
import { ingestMessages, type IngestResult } from './pipeline.js';

interface Pending {
  items: readonly IngestedMessage[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

export class IngestWriter {
  readonly #store: Store;
  readonly #maxMessages: number;
  #queue: Pending[] = [];
  #writing: Promise<void> | undefined;

  constructor(store: Store, options: { maxMessagesPerTransaction?: number } = {}) {
    this.#store = store;
    this.#maxMessages = options.maxMessagesPerTransaction ?? 5000;
  }

  submit(items: readonly IngestedMessage[]): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.#queue.push({ items, resolve, reject });
      if (this.#writing === undefined) this.#writing = new Promise<void>((r) => setImmediate(r)).then(() => this.#drain());
    });
  }

  /** Resolves when everything submitted so far is written. */
  async flush(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const group = this.#takeGroup();
        await this.#write(group);
        // Let requests that arrived during the write join the next group.
        if (this.#queue.length > 0) await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      this.#writing = undefined;
    }
  }

  #takeGroup(): Pending[] {
    const group: Pending[] = [];
    let size = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0] as Pending;
      if (group.length > 0 && size + next.items.length > this.#maxMessages) break;
      group.push(next);
      size += next.items.length;
      this.#queue.shift();
    }
    return group;
  }

  async #write(group: Pending[]): Promise<void> {
    try {
      const result = await ingestMessages(this.#store, group.flatMap((p) => p.items));
      let offset = 0;
      for (const pending of group) {
        const profileIds = result.profileIds.slice(offset, offset + pending.items.length);
        offset += pending.items.length;
        const accepted = profileIds.filter((id) => id !== undefined).length;
        pending.resolve({ accepted, duplicates: pending.items.length - accepted, profileIds });
      }
    } catch (error) {
      if (group.length === 1) {
        (group[0] as Pending).reject(error);
        return;
      }
      // One call's failure must not fail the others: write them one by one.
      for (const pending of group) {
        try {
          pending.resolve(await ingestMessages(this.#store, pending.items));
        } catch (single) {
          pending.reject(single);
        }
      }
    }
  }
}
