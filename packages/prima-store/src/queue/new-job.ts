import type { NewJob } from '@prima-connect/prima-core';
import { z } from 'zod';
import { JOB_TYPES } from './job-row.js';

/** Jobs are input too: a host may enqueue from a control API. */
export const newJobSchema: z.ZodType<NewJob> = z.object({
  tenantId: z.string().min(1),
  type: z.enum(JOB_TYPES),
  payload: z.record(z.string(), z.unknown()),
  dedupeKey: z.string().min(1).max(500).optional(),
  runAt: z.date().optional(),
  correlationId: z.string(),
  maxAttempts: z.number().int().min(1).max(1000).optional(),
});

export function queueCounts(groups: { state: string; count: number }[]): {
  pending: number;
  active: number;
  dead: number;
} {
  const counts = { pending: 0, active: 0, dead: 0 };
  for (const g of groups)
    if (g.state === 'pending' || g.state === 'active' || g.state === 'dead') counts[g.state] += g.count;
  return counts;
}
