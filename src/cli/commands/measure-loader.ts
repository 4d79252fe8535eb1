// File readers for the measurement commands (lift, attribution, ope) and their benchmark. The
// statistics in src/measure take plain arrays; turning CSV files into those arrays happens here.
// Every problem is reported as a CliError that names the flag to fix.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Journey } from '../../measure/attribution/index.js';
import type { LoggedInteraction } from '../../measure/ope/index.js';
import { CliError } from '../run.js';

/** A CSV file with a header line. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
}

export function readCsvTable(file: string, flag: string, delimiter = ','): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${flag}: cannot read ${file}: ${(error as Error).message}`);
  }
  const [header, ...rows] = parse(text, { delimiter, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as string[][];
  if (!header) throw new CliError(`${flag}: ${file} is empty`);
  return { file, header, rows };
}

/** Runs a statistic, reporting what it rejects in the data (a RangeError) as a CliError naming the flag. */
export function reportingDataErrors<T>(flag: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`${flag}: ${error.message}`);
    throw error;
  }
}

/** Position of a column, or a CliError naming the flag that asked for it. */
export function columnIndex(table: CsvTable, column: string, flag: string): number {
  const at = table.header.indexOf(column);
  if (at < 0) throw new CliError(`${flag}: column "${column}" not found in ${table.file} (columns: ${table.header.join(', ')})`);
  return at;
}

/** The number in a cell, or a CliError naming the file, line and column. */
export function numberAt(table: CsvTable, row: number, column: number): number {
  const text = table.rows[row]?.[column] ?? '';
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    throw new CliError(`${table.file}, line ${row + 2}: column "${table.header[column]}" is not a number ("${text}")`);
  }
  return value;
}

/**
 * Journeys from a path file in the ChannelAttribution layout: `path` ("a > b > c"),
 * `total_conversions`, optional `total_conversion_value` and `total_null`.
 */
export function readJourneys(file: string, delimiter = ';', pathSeparator = '>'): Journey[] {
  const table = readCsvTable(file, '--paths', delimiter);
  const path = columnIndex(table, 'path', '--paths');
  const conversions = columnIndex(table, 'total_conversions', '--paths');
  const value = table.header.indexOf('total_conversion_value');
  const nulls = table.header.indexOf('total_null');
  return table.rows.map((cells, row) => ({
    channels: (cells[path] ?? '')
      .split(pathSeparator)
      .map((channel) => channel.trim())
      .filter((channel) => channel !== ''),
    conversions: numberAt(table, row, conversions),
    value: value < 0 ? 0 : numberAt(table, row, value),
    nulls: nulls < 0 ? 0 : numberAt(table, row, nulls),
  }));
}

/** Names of the columns of a bandit log (defaults: the Open Bandit Dataset's). */
export interface BanditLogColumns {
  action: string;
  /** null when actions are not shown in ranked slots. */
  position: string | null;
  reward: string;
  propensity: string;
}

export const openBanditColumns = {
  action: 'item_id',
  position: 'position',
  reward: 'click',
  propensity: 'propensity_score',
} as const satisfies BanditLogColumns;

/** Logged interactions from a bandit log CSV. */
export function readBanditLogs(file: string, columns: BanditLogColumns = openBanditColumns): LoggedInteraction[] {
  const table = readCsvTable(file, '--logs');
  const action = columnIndex(table, columns.action, '--action-col');
  const position = columns.position === null ? -1 : columnIndex(table, columns.position, '--position-col');
  const reward = columnIndex(table, columns.reward, '--reward-col');
  const propensity = columnIndex(table, columns.propensity, '--propensity-col');
  return table.rows.map((cells, row) => ({
    action: cells[action] ?? '',
    position: position < 0 ? null : (cells[position] ?? ''),
    reward: numberAt(table, row, reward),
    propensity: numberAt(table, row, propensity),
  }));
}

/** Per-row target probabilities of the logged actions: a CSV with a `probability` column. */
export function readTargetProbabilities(file: string, logRows: number): number[] {
  const table = readCsvTable(file, '--target');
  const probability = columnIndex(table, 'probability', '--target');
  if (table.rows.length !== logRows) {
    throw new CliError(`--target: ${file} has ${table.rows.length} rows but the logs have ${logRows}`);
  }
  return table.rows.map((_, row) => numberAt(table, row, probability));
}
