// node-smpp's client (the npm `smpp` package) as an independent ESME or application in tests:
// the typings of the parts the tests use, and a connect helper that closes it with the test.
import type { EventEmitter } from 'node:events';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { TestContext } from 'node:test';

/** The parts of node-smpp's PDU the tests read. */
export interface NsPdu {
  command: string;
  command_status: number;
  sequence_number: number;
  system_id?: string;
  message_id?: string;
  esm_class?: number;
  source_addr?: string;
  destination_addr?: string;
  receipted_message_id?: string;
  message_state?: number;
  sc_interface_version?: number;
  short_message?: { message: string } | string;
  response(options?: Record<string, unknown>): NsPdu;
}

export type Callback = (pdu: NsPdu) => void;

export interface NsSession extends EventEmitter {
  bind_transceiver(options: Record<string, unknown>, cb: Callback): boolean;
  bind_transmitter(options: Record<string, unknown>, cb: Callback): boolean;
  bind_receiver(options: Record<string, unknown>, cb: Callback): boolean;
  submit_sm(options: Record<string, unknown>, cb: Callback): boolean;
  enquire_link(cb: Callback): boolean;
  unbind(cb: Callback): boolean;
  send(pdu: NsPdu): boolean;
  close(cb?: () => void): void;
  destroy(cb?: () => void): void;
}

const nodeSmpp = createRequire(__filename)('smpp') as { connect(options: { host: string; port: number }): NsSession };

/** Sends with node-smpp's callback API and resolves with the response. */
export function call(send: (cb: Callback) => boolean): Promise<NsPdu> {
  return new Promise((resolve, reject) => {
    if (!send(resolve)) reject(new Error('node-smpp could not send: the socket is not writable'));
  });
}

export function nsText(m: NsPdu['short_message']): string {
  return typeof m === 'string' ? m : (m?.message ?? '');
}

/** A node-smpp client connected to `port` on loopback, destroyed when the test ends. */
export async function connectNodeSmpp(t: TestContext, port: number): Promise<{ client: NsSession; closed: Promise<unknown> }> {
  const client = nodeSmpp.connect({ host: '127.0.0.1', port });
  client.on('error', () => undefined);
  const closed = once(client, 'close');
  t.after(async () => {
    client.destroy();
    await closed;
  });
  await once(client, 'connect');
  return { client, closed };
}
