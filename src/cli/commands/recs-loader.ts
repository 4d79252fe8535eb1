// Reads a transaction CSV (optionally gzip-compressed) into the plain typed arrays the
// affinity models take. Columns are chosen by name; errors name the flag that chose them.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { TransactionLog } from '../../models/affinity/index.js';
import { parseTimestamp } from '../../core/time.js';
import { CliError } from '../run.js';

export interface TransactionColumns {
  /** Column names, keyed by the CLI flag that names them. */
  idCol: string;
  itemCol: string;
  dateCol: string;
  quantityCol?: string;
  invoiceCol?: string;
}

export interface LoadedTransactions {
  log: TransactionLog;
  /** External ids by index. */
  userIds: string[];
  itemIds: string[];
  lines: number;
}

export { parseTimestamp };

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Streams the file (gunzipping when it starts with the gzip magic bytes). */
async function openText(file: string): Promise<Readable> {
  try {
    const gz = await isGzip(file);
    const raw = createReadStream(file);
    return gz ? raw.pipe(createGunzip()) : raw;
  } catch (error) {
    throw new CliError(`--transactions: cannot read ${file}: ${(error as Error).message}`);
  }
}

function flagOf(key: keyof TransactionColumns): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Loads invoice lines. A line is a cancellation when its invoice starts with "C" (when an
 * invoice column is given) or its quantity is negative. Lines with an empty member id are kept
 * with member −1 (they count toward popularity only).
 */
export async function loadTransactions(file: string, columns: TransactionColumns): Promise<LoadedTransactions> {
  const input = await openText(file);
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, trim: true }));
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  const quantity: number[] = [];
  const cancellation: number[] = [];
  let position: Partial<Record<keyof TransactionColumns, number>> | null = null;
  let lineNumber = 1;
  const intern = (index: Map<string, number>, id: string): number => {
    let at = index.get(id);
    if (at === undefined) index.set(id, (at = index.size));
    return at;
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!position) {
        position = locateColumns(record, columns, file);
        continue;
      }
      lineNumber++;
      const cell = (key: keyof TransactionColumns): string => record[position![key]!] ?? '';
      const itemId = cell('itemCol');
      if (itemId === '') throw new CliError(`${flagOf('itemCol')}: line ${lineNumber}: empty ${columns.itemCol}`);
      const when = parseTimestamp(cell('dateCol'));
      if (when === null) {
        throw new CliError(`${flagOf('dateCol')}: line ${lineNumber}: cannot read ${columns.dateCol} "${cell('dateCol')}" (expected YYYY-MM-DD[ HH:MM[:SS]])`);
      }
      let units = 1;
      if (position.quantityCol !== undefined) {
        units = Number(cell('quantityCol'));
        if (cell('quantityCol') === '' || !Number.isFinite(units)) {
          throw new CliError(`${flagOf('quantityCol')}: line ${lineNumber}: ${columns.quantityCol} "${cell('quantityCol')}" is not a number`);
        }
      }
      const cancelled = units < 0 || (position.invoiceCol !== undefined && /^c/i.test(cell('invoiceCol')));
      const memberId = cell('idCol');
      user.push(memberId === '' ? -1 : intern(userIndex, memberId));
      item.push(intern(itemIndex, itemId));
      time.push(when);
      quantity.push(units);
      cancellation.push(cancelled ? 1 : 0);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--transactions: ${file}: ${(error as Error).message}`);
  }
  if (!position) throw new CliError(`--transactions: ${file} is empty (no header line)`);
  return {
    log: {
      users: userIndex.size,
      items: itemIndex.size,
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      time: Float64Array.from(time),
      quantity: Float64Array.from(quantity),
      cancellation: Uint8Array.from(cancellation),
    },
    userIds: [...userIndex.keys()],
    itemIds: [...itemIndex.keys()],
    lines: user.length,
  };
}

function locateColumns(header: string[], columns: TransactionColumns, file: string): Partial<Record<keyof TransactionColumns, number>> {
  const position: Partial<Record<keyof TransactionColumns, number>> = {};
  const keys: Array<keyof TransactionColumns> = ['idCol', 'itemCol', 'dateCol', 'quantityCol', 'invoiceCol'];
  for (const key of keys) {
    const name = columns[key];
    if (name === undefined) continue;
    const at = header.indexOf(name);
    if (at < 0) throw new CliError(`${flagOf(key)}: column "${name}" not found in ${file} (columns: ${header.join(', ')})`);
    position[key] = at;
  }
  return position;
}
