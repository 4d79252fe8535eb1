// Long IN lists are split so that no statement exceeds the drivers' parameter limits.
export const IN_LIST_CHUNK = 900;

export function chunked<T>(items: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}
