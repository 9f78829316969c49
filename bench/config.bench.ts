// Parse and validate of a `*.smpp.json` with many connections, as the extension host does on every
// change of the file and `smpp-panel validate` does once: 1k and 10k connections, with passwords
// from the environment (no warnings) and in plain text (one warning per connection).

import { parseConnectionFile } from '../src/config/connectionFile';

function file(count: number, plainPasswords: boolean): string {
  const connections = Array.from({ length: count }, (_, i) => ({
    name: `Connection ${i}`,
    host: `smsc${i % 100}.example.net`,
    port: 2775,
    system_id: `acct${i % 1000}`,
    password: plainPasswords ? `pw${i % 1000}` : '${env:SMPP_PASSWORD}',
    bind: 'transceiver',
    enquireLinkInterval: 30,
    responseTimeout: 10,
  }));
  return JSON.stringify({ connections }, null, 2);
}

let sink = 0;

/** Best of three runs, ms. */
function measure(text: string): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint();
    const parsed = parseConnectionFile(text);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    sink += parsed.connections.length;
    if (ms < best) best = ms;
  }
  return best;
}

sink += parseConnectionFile(file(1_000, true)).connections.length; // warm up
console.log('connections  passwords     size      parse+validate');
for (const count of [1_000, 10_000]) {
  for (const plain of [false, true]) {
    const text = file(count, plain);
    const ms = measure(text);
    console.log(`${String(count).padStart(11)}  ${(plain ? 'plain text' : 'env').padEnd(10)} ${`${(text.length / 1024 / 1024).toFixed(2)} MB`.padStart(8)} ${`${ms.toFixed(1)} ms`.padStart(16)}`);
  }
}
if (sink === 0.5) console.log(sink);
