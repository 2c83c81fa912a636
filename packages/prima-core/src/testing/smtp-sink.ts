/**
 * A minimal SMTP server on 127.0.0.1 that keeps every message, for the apps' end-to-end alert tests: the apps
 * cannot depend on `smtp-server` (prima-core's dev dependency), and the few commands nodemailer sends
 * without TLS or auth are easy to answer. Not a mail server: no TLS, no AUTH, no pipelining checks.
 */
import { createServer, type Socket } from 'node:net';

export interface SmtpMessage {
  from: string;
  to: string[];
  /** The message as sent (headers and body, dot-unstuffed). */
  data: string;
  /** The same, quoted-printable undone (nodemailer wraps long lines with "=" soft breaks): for assertions. */
  text: string;
}

function unquote(data: string): string {
  const joined = data.replace(/=\r\n/g, '');
  return joined.replace(/(?:=[0-9A-F]{2})+/g, (run) =>
    Buffer.from(run.replaceAll('=', ''), 'hex').toString('utf8'),
  );
}

export interface SmtpSink {
  port: number;
  /** An SMTP URL for this sink, as a host would set PRIMA_SMTP_URL. */
  url: string;
  messages: SmtpMessage[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpMessage[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current: SmtpMessage = { from: '', to: [], data: '', text: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
          current.text = unquote(current.data);
          buffer = buffer.slice(end + 5);
          messages.push(current);
          current = { from: '', to: [], data: '', text: '' };
          inData = false;
          reply('250 OK queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 sink');
        else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 OK');
        } else if (verb === 'RCPT') {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else reply('502 Command not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
