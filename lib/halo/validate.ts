import type { z } from 'zod';
import { HaloSchema, type Halo } from '@/lib/halo/schema';

export interface ValidationProblem {
  /** Dotted path of the offending field, e.g. "blocks.0.role"; "" for the document itself. */
  path: string;
  /** Why it was refused, in words a person can act on. */
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

export function toProblems(error: z.ZodError): ValidationProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const reason = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    return { path, message: path ? `${path}: ${reason}` : reason };
  });
}

export function validateHalo(input: unknown): ValidationResult<Halo> {
  const parsed = HaloSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: toProblems(parsed.error) };
}
