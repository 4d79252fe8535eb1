// Reference data sets live in ../shared/data beside the project (see REFERENCES.md). A user's
// fresh clone does not have them, so tests that need them skip cleanly when absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDataDir = process.env.ATTUNE_SHARED_DATA ?? join(projectRoot, '..', 'shared', 'data');

/** Absolute path of a file in the shared data folder. */
export function sharedData(...parts: string[]): string {
  return join(sharedDataDir, ...parts);
}

/** True when the given shared data file exists; use with `describe.skipIf(!hasSharedData(...))`. */
export function hasSharedData(...parts: string[]): boolean {
  return existsSync(sharedData(...parts));
}

export { projectRoot };
