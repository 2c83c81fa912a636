/**
 * Stored JSON and columns back into prima-core's types. Rows are input like any other: JSON columns are
 * parsed with zod, so a hand-edited or older row fails loudly instead of spreading bad data.
 */
import { PROBLEM_CATALOGUE, type Problem, type ProblemCode } from '@prima-connect/prima-core';
import { z } from 'zod';
import type { Prisma } from '../generated/sqlite/client.js';

const problemCodes = Object.keys(PROBLEM_CATALOGUE) as [ProblemCode, ...ProblemCode[]];

export const problemSchema: z.ZodType<Problem> = z.object({
  code: z.enum(problemCodes),
  message: z.string(),
  action: z.string(),
  retryable: z.boolean(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const itemRefSchema = z.object({
  product: z.string(),
  matrix: z.tuple([z.string(), z.string(), z.string(), z.string()]),
});

export const componentsSchema = z.array(
  z.object({ item: itemRefSchema, quantity: z.number().int().positive(), weight: z.number().optional() }),
);

export const auditDetailSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

export const stringListSchema = z.array(z.string());
export const heldLinesSchema = z.array(z.object({ sku: z.string(), quantity: z.number().int() }));

export const iso = (d: Date): string => d.toISOString();
export const isoOrUndefined = (d: Date | null): string | undefined =>
  d === null ? undefined : d.toISOString();
export const dateOrNull = (s: string | undefined): Date | null => (s === undefined ? null : new Date(s));
export const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Minor units are stored as BigInt; they come back as numbers only while exact. */
export function minorFromBigInt(v: bigint): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`Amount ${v} is beyond exact integer range`);
  return n;
}

/** Unique-constraint violation (Prisma P2002), whichever generated client raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 'P2002'
  );
}

/** A plain-data value as a JSON column input: interfaces lack Prisma's index signature, and undefined keys drop out. */
export function json(value: object): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
