// The built-in simulator as a bench server in its own process: prints {"port":N} and runs
// until stdin closes.
import { SmscSimulator } from '../../src/smpp/simulator/smsc';

const sim = new SmscSimulator({ host: '127.0.0.1', port: 0, deliveryReceiptDelay: 0, enquireLinkInterval: 0, moInterval: 0 });
sim.listen().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\n'));
process.stdin.resume();
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
