// Reading the files behind `attune clv` and `attune churn`: transaction logs and RFM summaries.
// Every problem is reported as a CliError that names the flag or column to fix.
//
// Tables may be comma, semicolon or tab separated (quoted fields allowed), or — like the
// CDNOW master file — separated by runs of spaces. Files ending in .gz are decompressed.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { CustomerSummary, Purchase } from '../../models/clv/index.js';
import { CliError } from '../run.js';

export const DATE_FORMATS = ['auto', 'yyyymmdd', 'yyyy-mm-dd', 'mm/dd/yyyy', 'dd/mm/yyyy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface Table {
  header: string[];
  rows: string[][];
}

const MS_PER_DAY = 86_400_000;

export function readTable(path: string, flag: string): Table {
  let text: string;
  try {
    const bytes = readFileSync(path);
    text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new CliError(`${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
  const newline = text.indexOf('\n');
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).replace(/\r$/, '');
  const delimiter = detectDelimiter(firstLine);
  let records: string[][];
  if (delimiter === undefined) {
    records = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => line.split(/\s+/));
  } else {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  }
  const [header, ...rows] = records;
  if (!header) throw new CliError(`${flag}: ${path} is empty`);
  return { header, rows };
}

/** The most frequent of , ; and tab in the header line, or undefined for space-separated files. */
function detectDelimiter(headerLine: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Position of the first of `names` present in the header (exact match first, then case-insensitive). */
export function findColumn(header: readonly string[], names: readonly string[]): number | undefined {
  for (const name of names) {
    const exact = header.indexOf(name);
    if (exact >= 0) return exact;
  }
  const lower = header.map((h) => h.toLowerCase());
  for (const name of names) {
    const loose = lower.indexOf(name.toLowerCase());
    if (loose >= 0) return loose;
  }
  return undefined;
}

function requireColumn(table: Table, name: string, flag: string, path: string): number {
  const at = findColumn(table.header, [name]);
  if (at === undefined) throw new CliError(`${flag}: column "${name}" not found in ${path} (columns: ${table.header.join(', ')})`);
  return at;
}

/** Day number (days since 1970-01-01) of a calendar date; a time of day after the date is ignored. */
export function parseDay(text: string, format: DateFormat): number | undefined {
  const value = text.trim();
  let match: RegExpMatchArray | null;
  let year: string | undefined;
  let month: string | undefined;
  let day: string | undefined;
  const effective = format === 'auto' ? (/^\d{8}$/.test(value) ? 'yyyymmdd' : 'yyyy-mm-dd') : format;
  switch (effective) {
    case 'yyyymmdd':
      match = value.match(/^(\d{4})(\d{2})(\d{2})$/);
      [, year, month, day] = match ?? [];
      break;
    case 'yyyy-mm-dd':
      match = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/);
      [, year, month, day] = match ?? [];
      break;
    case 'mm/dd/yyyy':
      match = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/);
      [, month, day, year] = match ?? [];
      break;
    case 'dd/mm/yyyy':
      match = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/);
      [, day, month, year] = match ?? [];
      break;
  }
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  // Date.UTC rolls 1997-02-30 over into March; a real date survives the round trip.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return ms / MS_PER_DAY;
}

/** The `--calibration-end` style option: a strict YYYY-MM-DD date, as a day number. */
export function parseIsoDateOption(value: string, flag: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDay(value, 'yyyy-mm-dd') : undefined;
  if (day === undefined) throw new CliError(`${flag}: "${value}" is not a date in the form YYYY-MM-DD`);
  return day;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export interface TransactionColumns {
  idCol: string;
  dateCol: string;
  amountCol?: string | undefined;
  dateFormat: DateFormat;
}

/** Purchases from a transaction log; without an amount column every purchase is worth 0. */
export function readPurchases(path: string, columns: TransactionColumns): Purchase[] {
  const table = readTable(path, '--transactions');
  const idAt = requireColumn(table, columns.idCol, '--id-col', path);
  const dateAt = requireColumn(table, columns.dateCol, '--date-col', path);
  const amountAt = columns.amountCol === undefined ? undefined : requireColumn(table, columns.amountCol, '--amount-col', path);
  return table.rows.map((row, i) => {
    const line = i + 2; // 1-based, after the header
    const customerId = row[idAt];
    if (customerId === undefined || customerId === '') throw new CliError(`--id-col: line ${line} of ${path} has no ${columns.idCol}`);
    const dateText = row[dateAt] ?? '';
    const day = parseDay(dateText, columns.dateFormat);
    if (day === undefined) {
      throw new CliError(
        `--date-col: line ${line} of ${path}: "${dateText}" in column ${columns.dateCol} is not a date (--date-format ${columns.dateFormat}; one of ${DATE_FORMATS.join(', ')})`,
      );
    }
    let amount = 0;
    if (amountAt !== undefined) {
      const amountText = row[amountAt] ?? '';
      amount = Number(amountText);
      if (amountText === '' || !Number.isFinite(amount)) {
        throw new CliError(`--amount-col: line ${line} of ${path}: "${amountText}" in column ${columns.amountCol} is not a number`);
      }
    }
    return { customerId, day, amount };
  });
}

const SUMMARY_COLUMNS = {
  id: ['id', 'ID', 'customer_id'],
  frequency: ['frequency', 'x'],
  recency: ['recency', 't_x'],
  T: ['T'],
  monetaryValue: ['monetary_value', 'zbar'],
} as const;

export interface SummaryFile {
  customers: CustomerSummary[];
  /** Whether the file had a spend column (monetary_value or zbar). */
  hasMonetaryValue: boolean;
}

/** An RFM summary as written by `attune clv summarize` (or lifetimes / CLVTools conventions). */
export function readSummary(path: string): SummaryFile {
  const table = readTable(path, '--summary');
  const required = (names: readonly string[]): number => {
    const at = findColumn(table.header, names);
    if (at === undefined) {
      throw new CliError(`--summary: ${path} has no ${names.join('|')} column (columns: ${table.header.join(', ')})`);
    }
    return at;
  };
  const frequencyAt = required(SUMMARY_COLUMNS.frequency);
  const recencyAt = required(SUMMARY_COLUMNS.recency);
  const TAt = required(SUMMARY_COLUMNS.T);
  const idAt = findColumn(table.header, SUMMARY_COLUMNS.id);
  const monetaryAt = findColumn(table.header, SUMMARY_COLUMNS.monetaryValue);
  const customers = table.rows.map((row, i) => {
    const line = i + 2;
    const number = (at: number): number => {
      const text = row[at] ?? '';
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) {
        throw new CliError(`--summary: line ${line} of ${path}: "${text}" in column ${table.header[at]} is not a number`);
      }
      return value;
    };
    const customer: CustomerSummary = {
      id: idAt === undefined ? String(i + 1) : (row[idAt] ?? ''),
      frequency: number(frequencyAt),
      recency: number(recencyAt),
      T: number(TAt),
      monetaryValue: monetaryAt === undefined ? 0 : number(monetaryAt),
    };
    return customer;
  });
  return { customers, hasMonetaryValue: monetaryAt !== undefined };
}

/** Formats a summary as CSV (id,frequency,recency,T,monetary_value) with up to 6 decimals. */
export function formatSummaryCsv(customers: readonly CustomerSummary[]): string {
  const lines = ['id,frequency,recency,T,monetary_value'];
  for (const c of customers) {
    lines.push([csvField(c.id), c.frequency, round6(c.recency), round6(c.T), round6(c.monetaryValue)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
