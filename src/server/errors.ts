// HTTP errors in one shape: {"error": "...", "issues": [{"path", "message"}]}.
import type { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly issues: Issue[] = []) {
    super(message);
    this.name = 'HttpError';
  }
}

export function zodIssues(error: z.ZodError, prefix: string[] = []): Issue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.') || '(root)',
    message: issue.message,
  }));
}

export function errorBody(error: HttpError): { error: string; issues?: Issue[] } {
  return error.issues.length > 0 ? { error: error.message, issues: error.issues } : { error: error.message };
}
