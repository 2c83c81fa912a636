/** Samples the heap while a benchmark runs: the peak growth over where it started, in MB. */
export async function withPeakHeap<T>(
  run: () => Promise<T>,
  everyMs = 25,
): Promise<{ value: T; peakHeapMb: number }> {
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  const timer = setInterval(sample, everyMs);
  try {
    const value = await run();
    sample();
    return { value, peakHeapMb: Math.max(0, (peak - start) / 1e6) };
  } finally {
    clearInterval(timer);
  }
}
