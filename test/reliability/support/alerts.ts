/**
 * A watcher over the tenant's open exceptions, for the scenarios' figures: when each code opened, the most
 * open at once, and when a code went back to none ("cleared"). The alert itself is the product's (prima-core
 * `checkAlerts` in the hosts' finance round, sent through the tenant's channels); the product does not
 * announce "cleared", so that part is measured here. Test harness code, not product code.
 */
import { PROBLEM_CATALOGUE, type ProblemCode, type Store } from '@prima-connect/prima-core';

export interface Alert {
  kind: 'raised' | 'cleared';
  tenantId: string;
  code: ProblemCode | 'open_exceptions';
  /** Clerk-readable, as an alert e-mail or chat message would read. */
  message: string;
  open: number;
  at: string;
}

export interface AlertWatch {
  alerts: Alert[];
  /** Most exceptions open at once, per code, while watching. */
  peakOpen: Partial<Record<ProblemCode, number>>;
  stop(): Promise<void>;
}

export function watchAlerts(
  store: Store,
  tenantId: string,
  opts: { everyMs?: number; threshold?: number } = {},
): AlertWatch {
  const alerts: Alert[] = [];
  const peakOpen: AlertWatch['peakOpen'] = {};
  const active = new Set<string>();
  let stopped = false;
  const tick = async () => {
    const counts = await store.exceptions.countOpenByCode(tenantId);
    const at = new Date().toISOString();
    let total = 0;
    for (const [code, n] of Object.entries(counts) as [ProblemCode, number][]) {
      total += n;
      peakOpen[code] = Math.max(peakOpen[code] ?? 0, n);
      if (n > 0 && !active.has(code)) {
        active.add(code);
        alerts.push({
          kind: 'raised',
          tenantId,
          code,
          open: n,
          at,
          message: `${PROBLEM_CATALOGUE[code].title}: ${n} order(s) waiting.`,
        });
      }
    }
    for (const code of [...active]) {
      if (code === 'open_exceptions') continue;
      if (!counts[code as ProblemCode]) {
        active.delete(code);
        alerts.push({
          kind: 'cleared',
          tenantId,
          code: code as ProblemCode,
          open: 0,
          at,
          message: `${PROBLEM_CATALOGUE[code as ProblemCode].title}: resolved.`,
        });
      }
    }
    const threshold = opts.threshold ?? 0;
    if (threshold > 0 && total >= threshold && !active.has('open_exceptions')) {
      active.add('open_exceptions');
      alerts.push({
        kind: 'raised',
        tenantId,
        code: 'open_exceptions',
        open: total,
        at,
        message: `${total} exceptions are open.`,
      });
    } else if (total === 0 && active.has('open_exceptions')) {
      active.delete('open_exceptions');
      alerts.push({
        kind: 'cleared',
        tenantId,
        code: 'open_exceptions',
        open: 0,
        at,
        message: 'No exceptions open.',
      });
    }
  };
  const loop = (async () => {
    while (!stopped) {
      try {
        await tick();
      } catch {
        // A store hiccup must not end the watch; the next tick reads again.
      }
      await new Promise((r) => setTimeout(r, opts.everyMs ?? 50));
    }
    await tick();
  })();
  return {
    alerts,
    peakOpen,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
