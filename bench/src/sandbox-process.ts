/**
 * The Prima sandbox in a process of its own, as a real Prima runs on its own machine: its SOAP parsing and
 * order book then use the other core instead of competing with the engine being measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/prima-sandbox/src/cli.ts', import.meta.url));

export interface SandboxProcess {
  wsdlUrl: string;
  controlUrl: string;
  close(): Promise<void>;
}

export async function startSandboxProcess(opts: { latencyMs: number }): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = await new Promise<{ wsdlUrl: string; controlUrl: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox process did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const wsdl = /WSDL \(classic\): (\S+)/.exec(out)?.[1];
      const control = /control API: +(\S+?)\/?\s*$/m.exec(out)?.[1];
      if (wsdl && control) {
        clearTimeout(timer);
        resolve({ wsdlUrl: wsdl, controlUrl: control });
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox process exited (${code}):\n${out}`)));
  });
  const res = await fetch(`${urls.controlUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: opts.latencyMs }),
  });
  if (!res.ok) throw new Error(`could not set the sandbox latency: ${res.status} ${await res.text()}`);
  return {
    ...urls,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
