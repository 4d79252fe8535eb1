// Where a stage's database time goes, without touching src/: a Kysely plugin that times every
// query from compilation to result and adds the time up by statement kind and table
// ("insert outbox", "select profiles", …). Used through `timedStore`, a Store whose `db` carries
// the plugin; transactions opened on it (inTransaction) keep it.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Store } from '../../src/store/index.js';

export interface QueryTimes {
  /** Milliseconds by "kind table". */
  ms: Map<string, number>;
  count: Map<string, number>;
  reset(): void;
  total(filter?: (label: string) => boolean): number;
}

function tableOf(node: RootOperationNode): string {
  const n = node as unknown as Record<string, unknown>;
  const named = (x: unknown): string | undefined => {
    const t = x as { table?: { identifier?: { name?: string } } } | undefined;
    return t?.table?.identifier?.name;
  };
  switch (node.kind) {
    case 'InsertQueryNode':
      return named(n.into) ?? '?';
    case 'UpdateQueryNode':
      return named(n.table) ?? '?';
    case 'DeleteQueryNode':
    case 'SelectQueryNode': {
      const from = n.from as { froms?: unknown[] } | undefined;
      return named(from?.froms?.[0]) ?? '?';
    }
    default:
      return 'sql (begin/commit)';
  }
}

const KIND: Record<string, string> = { InsertQueryNode: 'insert', UpdateQueryNode: 'update', DeleteQueryNode: 'delete', SelectQueryNode: 'select' };

export function queryTimer(): { plugin: KyselyPlugin; times: QueryTimes } {
  const started = new WeakMap<object, { at: number; label: string }>();
  const times: QueryTimes = {
    ms: new Map(),
    count: new Map(),
    reset() {
      this.ms.clear();
      this.count.clear();
    },
    total(filter) {
      let sum = 0;
      for (const [label, ms] of this.ms) if (filter === undefined || filter(label)) sum += ms;
      return sum;
    },
  };
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      started.set(args.queryId, { at: performance.now(), label: KIND[args.node.kind] === undefined ? tableOf(args.node) : `${KIND[args.node.kind]} ${tableOf(args.node)}` });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const start = started.get(args.queryId);
      if (start !== undefined) {
        times.ms.set(start.label, (times.ms.get(start.label) ?? 0) + performance.now() - start.at);
        times.count.set(start.label, (times.count.get(start.label) ?? 0) + 1);
      }
      return args.result;
    },
  };
  return { plugin, times };
}

/** The same store with every query timed. */
export function timedStore(store: Store, plugin: KyselyPlugin): Store {
  return { db: store.db.withPlugin(plugin), dialect: store.dialect, location: store.location, close: () => store.close() };
}
