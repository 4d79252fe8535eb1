// `attune import events FILE.jsonl` and `attune import orders FILE.csv`.
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { ImportFileError, importEvents, importOrders, type ImportSummary } from '../../ingest/import/index.js';
import { progressBar } from '../progress.js';
import { CliError, parseOptions, printJson } from '../run.js';
import { addDbOption, withStore } from '../store.js';

function fileSize(file: string, flag: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new CliError(`${flag}: cannot read ${file}`);
  }
}

function printSummary(summary: ImportSummary, unit: string, json: boolean | undefined): void {
  if (json) {
    printJson(summary);
  } else {
    const lines = [
      `${summary.lines.toLocaleString('en-US')} lines read`,
      `${summary.accepted.toLocaleString('en-US')} ${unit} stored`,
      `${summary.duplicates.toLocaleString('en-US')} already stored (not counted again)`,
      `${summary.rejected.toLocaleString('en-US')} rejected`,
    ];
    for (const [reason, count] of Object.entries(summary.rejectionsByReason).sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      lines.push(`  ${count.toLocaleString('en-US')} × ${reason}`);
    }
    for (const r of summary.rejections.slice(0, 5)) lines.push(`  e.g. line ${r.line}: ${r.path}: ${r.message}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  // Some lines rejected: the import did what it could, and says so with exit code 1.
  if (summary.rejected > 0) process.exitCode = 1;
}

export function registerImportCommand(program: Command): void {
  const command = program.command('import').description('Import history from files, with the same validation and idempotency as the API.');

  addDbOption(command.command('events').description('Import Segment-format messages, one JSON object per line.').argument('<file>', 'a .jsonl file'))
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, raw: Record<string, unknown>) => {
      const options = parseOptions(z.object({ db: z.string().optional(), json: z.boolean().optional() }), raw);
      const size = fileSize(file, '<file>');
      const summary = await withStore(options.db, async (store) => {
        const bar = progressBar('importing events', size);
        try {
          return await importEvents(store, file, ({ lines, bytes }) => bar.update(bytes, `${lines} lines`));
        } finally {
          bar.stop();
        }
      });
      printSummary(summary, 'events', options.json);
    });

  const orderOptions = z.object({
    db: z.string().optional(),
    json: z.boolean().optional(),
    idCol: z.string().min(1),
    dateCol: z.string().min(1),
    amountCol: z.string().min(1),
    orderCol: z.string().min(1).optional(),
    productCol: z.string().min(1).optional(),
    quantityCol: z.string().min(1).optional(),
    categoryCol: z.string().min(1).optional(),
    idType: z.enum(['userId', 'email', 'loyaltyId']).default('userId'),
  });

  addDbOption(command.command('orders').description('Import an order export (CSV with a header); each order becomes an Order Completed event.').argument('<file>', 'a .csv file'))
    .requiredOption('--id-col <column>', 'column with the member id')
    .requiredOption('--date-col <column>', 'column with the order date (ISO 8601, YYYYMMDD or M/D/YYYY [H:MM])')
    .requiredOption('--amount-col <column>', 'column with the amount: the line total, or the unit price when --quantity-col is given')
    .option('--order-col <column>', 'column with the order id (rows of one order are grouped)')
    .option('--product-col <column>', 'column with the product id')
    .option('--quantity-col <column>', 'column with the quantity')
    .option('--category-col <column>', 'column with the product category')
    .option('--id-type <type>', 'what the id column holds: userId, email or loyaltyId', 'userId')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, raw: Record<string, unknown>) => {
      const options = parseOptions(orderOptions, raw);
      fileSize(file, '<file>');
      const summary = await withStore(options.db, async (store) => {
        const bar = progressBar('importing orders');
        try {
          return await importOrders(store, file, {
            id: options.idCol, date: options.dateCol, amount: options.amountCol,
            ...(options.orderCol ? { order: options.orderCol } : {}),
            ...(options.productCol ? { product: options.productCol } : {}),
            ...(options.quantityCol ? { quantity: options.quantityCol } : {}),
            ...(options.categoryCol ? { category: options.categoryCol } : {}),
          }, { idType: options.idType, onProgress: ({ lines }) => bar.update(lines, 'rows') });
        } catch (error) {
          if (error instanceof ImportFileError) throw new CliError(error.message);
          throw error;
        } finally {
          bar.stop();
        }
      });
      printSummary(summary, 'orders', options.json);
    });
}
