/**
 * Splits `totalMinor` into parts proportional to `weights`, so that the parts ALWAYS sum to the total
 * exactly (largest-remainder method, computed in BigInt so huge totals x weights cannot lose precision).
 *
 * - Weights are non-negative safe integers (prices in minor units, quantities). A zero weight gets 0.
 * - All weights zero: the total is split equally (nothing says otherwise, and it must go somewhere).
 * - Negative totals are split as the mirror image of the positive total, so refunds split like sales.
 * - Tie-break (deterministic): larger remainder first, then larger weight, then earlier position.
 * - Every part has the total's sign and |part| <= |total|.
 */
export function allocate(totalMinor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalMinor))
    throw new RangeError(`total must be a safe integer, got ${totalMinor}`);
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0)
      throw new RangeError(`weights must be non-negative safe integers, got ${w}`);
  }
  if (weights.length === 0) {
    if (totalMinor === 0) return [];
    throw new RangeError(`cannot allocate ${totalMinor} over no parts`);
  }
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const total = BigInt(Math.abs(totalMinor));
  const sum = effective.reduce((s, w) => s + BigInt(w), 0n);
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of effective) {
    const scaled = total * BigInt(w);
    const base = scaled / sum;
    parts.push(base);
    remainders.push(scaled % sum);
    given += base;
  }
  let left = Number(total - given); // < number of parts with a non-zero remainder
  if (left > 0) {
    const order = effective.map((_, i) => i);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra !== rb) return ra > rb ? -1 : 1;
      const wa = effective[a] as number;
      const wb = effective[b] as number;
      return wa !== wb ? wb - wa : a - b;
    });
    for (const i of order) {
      if (left === 0) break;
      parts[i] = (parts[i] as bigint) + 1n;
      left -= 1;
    }
  }
  const sign = totalMinor < 0 ? -1 : 1;
  // `+ 0` turns a -0 into 0.
  return parts.map((p) => sign * Number(p) + 0);
}

/** `count` parts as equal as possible, larger parts first: allocateEvenly(10, 3) -> [4, 3, 3]. */
export function allocateEvenly(totalMinor: number, count: number): number[] {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  return allocate(totalMinor, new Array<number>(count).fill(1));
}

/**
 * amount x numerator / denominator, rounded half-even, exact (BigInt). Used where one figure is rescaled
 * to another basis (e.g. a discount from net to gross), not for splitting (use `allocate`).
 */
export function scaleMinor(amount: number, numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('denominator must not be zero');
  const neg = (amount < 0 !== numerator < 0) !== denominator < 0;
  const n = BigInt(Math.abs(amount)) * BigInt(Math.abs(numerator));
  const d = BigInt(Math.abs(denominator));
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return (neg ? -Number(q) : Number(q)) + 0;
}
