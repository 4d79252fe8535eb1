// `attune import orders FILE.csv`: rows of an order export become `Order Completed` events.
// With an order column, rows of one order are grouped into one event with products[]; without
// one, every row is an order. Message ids are derived from the file's content (the order id, or
// the row itself), so importing the same file twice stores each order once.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { parseDateTime } from '../../core/time.js';
import type { Store } from '../../store/index.js';
import { normalizeMessage, type IngestedMessage } from '../normalize.js';
import type { ValidMessage } from '../validate.js';
import { contentMessageId, emptySummary, flushChunk, ImportFileError, reject, type ImportProgress, type ImportSummary } from './events.js';

export interface OrderColumns {
  id: string;
  date: string;
  amount: string;
  order?: string;
  product?: string;
  quantity?: string;
  category?: string;
}

export type MemberIdType = 'userId' | 'email' | 'loyaltyId';

interface OrderDraft {
  member: string;
  orderId: string;
  at: number;
  revenue: number;
  products: Array<{ product_id: string; quantity: number; price?: number; category?: string }>;
  firstRow: number;
}

const CHUNK = 500;

function memberFields(idType: MemberIdType, member: string): Record<string, unknown> {
  if (idType === 'userId') return { userId: member };
  // Without a userId the member is known by a trait; the import's own anonymous id keeps
  // Segment's rule (userId or anonymousId) satisfied and is stable per member.
  return { anonymousId: `import-${idType}-${member}`, context: { traits: { [idType]: member } } };
}

function toMessage(order: OrderDraft, idType: MemberIdType): ValidMessage {
  return {
    type: 'track',
    event: 'Order Completed',
    messageId: contentMessageId('order', `${order.member}\u0000${order.orderId}`),
    timestamp: new Date(order.at).toISOString(),
    properties: { order_id: order.orderId, revenue: Math.round(order.revenue * 100) / 100, products: order.products },
    ...memberFields(idType, order.member),
  } as ValidMessage;
}

export async function importOrders(
  store: Store,
  file: string,
  columns: OrderColumns,
  options: { idType?: MemberIdType; onProgress?: ImportProgress } = {},
): Promise<ImportSummary> {
  const idType = options.idType ?? 'userId';
  const summary = emptySummary();
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }));
  const orders = new Map<string, OrderDraft>();
  let header: string[] | undefined;

  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    summary.lines += 1;
    const row = summary.lines + 1; // the header is line 1
    if (header === undefined) {
      header = Object.keys(record);
      const missing = Object.entries(columns).filter(([, name]) => name !== undefined && !header!.includes(name as string));
      if (missing.length > 0) {
        throw new ImportFileError(missing.map(([flag, name]) => `--${flag}-col: no column "${name}" (columns: ${header!.join(', ')})`).join('\n'));
      }
    }
    const member = record[columns.id] ?? '';
    const at = parseDateTime(record[columns.date] ?? '');
    const amount = Number(record[columns.amount]);
    const quantity = columns.quantity !== undefined ? Number(record[columns.quantity]) : 1;
    if (member === '') { reject(summary, { line: row, path: columns.id, message: 'is empty' }); continue; }
    if (at === null) { reject(summary, { line: row, path: columns.date, message: `"${record[columns.date]}" is not a date (ISO 8601, YYYYMMDD or M/D/YYYY)` }); continue; }
    if (!Number.isFinite(amount) || amount < 0) { reject(summary, { line: row, path: columns.amount, message: `"${record[columns.amount]}" is not a non-negative number` }); continue; }
    if (!Number.isFinite(quantity) || quantity <= 0) { reject(summary, { line: row, path: columns.quantity ?? 'quantity', message: `"${columns.quantity ? record[columns.quantity] : ''}" is not a positive number` }); continue; }

    const orderId = columns.order !== undefined && record[columns.order] ? (record[columns.order] as string) : `row-${row}`;
    const key = `${member}\u0000${orderId}`;
    const draft = orders.get(key) ?? { member, orderId, at, revenue: 0, products: [], firstRow: row };
    // With a quantity column the amount is a unit price; otherwise it is the line's total.
    const lineTotal = columns.quantity !== undefined ? amount * quantity : amount;
    draft.revenue += lineTotal;
    draft.at = Math.min(draft.at, at);
    const productId = columns.product !== undefined ? record[columns.product] : undefined;
    if (productId) {
      const category = columns.category !== undefined ? record[columns.category] : undefined;
      draft.products.push({ product_id: productId, quantity, price: lineTotal / quantity, ...(category ? { category } : {}) });
    }
    orders.set(key, draft);
    if (columns.order === undefined && orders.size >= CHUNK) await flushOrders(store, orders, idType, summary);
    if (summary.lines % 5000 === 0) options.onProgress?.({ lines: summary.lines, bytes: 0 });
  }
  await flushOrders(store, orders, idType, summary);
  options.onProgress?.({ lines: summary.lines, bytes: 0 });
  return summary;
}

async function flushOrders(store: Store, orders: Map<string, OrderDraft>, idType: MemberIdType, summary: ImportSummary): Promise<void> {
  const receivedAt = Date.now();
  const pending: IngestedMessage[] = [];
  for (const order of orders.values()) {
    pending.push(normalizeMessage(toMessage(order, idType), receivedAt));
    if (pending.length >= CHUNK) await flushChunk(store, pending, summary);
  }
  await flushChunk(store, pending, summary);
  orders.clear();
}
