import { int, mb, ms, pct, ratio, table } from './format.js';
import type { PurePlanResult } from './pure-plan.js';
import type { StockRunResult } from './stock-sync.js';

export function printPure(rows: PurePlanResult[]): string {
  return `\nAvailable-to-sell + diff (prima-core planStockPush, in memory, 5% changed)\n${table(
    ['SKUs', 'updates', 'best wall', 'median wall', 'CPU (best run)', 'heap growth'],
    rows.map((r) => [int(r.skus), int(r.updates), ms(r.bestMs), ms(r.medianMs), ms(r.cpuMs), mb(r.heapMb)]),
  )}`;
}

export function printStock(rows: StockRunResult[]): string {
  const main = table(
    [
      'platform',
      'SKUs',
      'changed',
      'engine push calls',
      'minimum',
      'baseline push calls',
      'calls ratio',
      'engine time',
      'baseline time',
      'time ratio',
      'engine heap',
      'baseline heap',
    ],
    rows.map((r) => [
      r.platform,
      int(r.skus),
      int(r.changed),
      `${int(r.engine.pushCalls)}${r.engine.pushThrottled ? ` (${r.engine.pushThrottled} throttled)` : ''}`,
      int(r.engine.minPushCalls),
      `${int(r.baseline.pushCalls)}${r.baseline.extrapolated ? '*' : ''}`,
      ratio(r.ratios.calls),
      ms(r.engine.timeMs),
      `${ms(r.baseline.timeMs)}${r.baseline.extrapolated ? '*' : ''}`,
      ratio(r.ratios.time),
      mb(r.engine.peakHeapMb),
      mb(r.baseline.peakHeapMb),
    ]),
  );
  const detail = table(
    [
      'platform',
      'SKUs',
      'engine read calls',
      'engine push time',
      'baseline read+fetch',
      'push-phase ratio',
      'engine CPU',
      'first full sync',
    ],
    rows.map((r) => [
      r.platform,
      int(r.skus),
      int(r.engine.readCalls),
      ms(r.engine.pushTimeMs),
      ms(r.baseline.fixedMs),
      ratio(r.ratios.pushTime),
      ms(r.engine.cpuMs),
      `${int(r.firstSync.pushCalls)} calls, ${ms(r.firstSync.timeMs)}`,
    ]),
  );
  const sustained = rows.filter((r) => r.sustained);
  const sus = sustained.length
    ? `\n\nSustained push throughput (bucket drained first)\n${table(
        [
          'platform',
          'figures',
          'calls',
          'time',
          'rate-limit waits',
          'real work',
          'figures/s',
          'rate-limit bound/s',
          'share of bound',
        ],
        sustained.map((r) => {
          const s = r.sustained as NonNullable<StockRunResult['sustained']>;
          return [
            r.platform,
            int(s.figures),
            int(s.calls),
            ms(s.timeMs),
            ms(s.rateLimitWaitMs),
            ms(s.realWorkMs),
            int(s.figuresPerSecond),
            int(s.boundPerSecond),
            pct(s.shareOfBound),
          ];
        }),
      )}`
    : '';
  const limits = [...new Map(rows.map((r) => [r.platform, r.rateLimit])).entries()]
    .map(([p, l]) => `  ${p}: ${l}`)
    .join('\n');
  return `\nStock sync, 5% of Prima figures changed: engine vs one-call-per-SKU baseline (same emulator, same limits)\n${main}\n\n${detail}${sus}\n\n* baseline measured on its first ${rows[0]?.baseline.measuredSkus ?? 0} SKUs, the rest extrapolated at the sample's steady per-SKU rate.\nTimes: real work + rate-limit waits on a virtual clock (waits are skipped, not slept). Rate limits emulated:\n${limits}`;
}
