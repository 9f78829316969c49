// The raw server as a bench server in its own process: answers every request from a pre-encoded
// response (its sequence_number patched in), all the answers to one read in one write, and
// decodes nothing. Prints {"port":N} and runs until stdin closes.
import * as net from 'node:net';
import { encode } from '../../src/smpp/codec';
import { FrameCounter } from '../rawClient';

const RESPONSES = new Map<number, Uint8Array>([
  [0x00000001, encode({ command: 'bind_receiver_resp', sequence_number: 0, body: { system_id: 'RAW' } })],
  [0x00000002, encode({ command: 'bind_transmitter_resp', sequence_number: 0, body: { system_id: 'RAW' } })],
  [0x00000009, encode({ command: 'bind_transceiver_resp', sequence_number: 0, body: { system_id: 'RAW' } })],
  [0x00000004, encode({ command: 'submit_sm_resp', sequence_number: 0, body: { message_id: '1' } })],
  [0x00000015, encode({ command: 'enquire_link_resp', sequence_number: 0, body: {} })],
  [0x00000006, encode({ command: 'unbind_resp', sequence_number: 0, body: {} })],
]);
/** Where the answers to one read are put together; grows when one read asks for more. */
let scratch = Buffer.allocUnsafe(64 * 1024);

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  const frames = new FrameCounter();
  socket.on('data', (chunk: Buffer) => {
    let out = scratch;
    let used = 0;
    let unbound = false;
    frames.push(chunk, (bytes, at) => {
      const id = bytes.readUInt32BE(at + 4);
      const response = RESPONSES.get(id);
      if (response === undefined) return;
      if (used + response.length > out.length) {
        const larger = Buffer.allocUnsafe(out.length * 2);
        out.copy(larger, 0, 0, used);
        out = scratch = larger;
      }
      out.set(response, used);
      out.writeUInt32BE(bytes.readUInt32BE(at + 12), used + 12);
      used += response.length;
      if (id === 0x00000006) unbound = true;
    });
    // A copy: the write may be queued while the scratch is filled again.
    if (used > 0) socket.write(Buffer.from(out.subarray(0, used)));
    if (unbound) socket.end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: (server.address() as net.AddressInfo).port }) + '\n'));
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
