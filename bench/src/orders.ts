export interface OrdersResult {
  notRun: string;
}
export async function runOrders(_opts: { quick: boolean }): Promise<OrdersResult> {
  return { notRun: 'order benchmarks not built yet' };
}
export function printOrders(r: OrdersResult): string {
  return `\nOrder posting: ${r.notRun}`;
}
