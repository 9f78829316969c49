// node-smpp's server as a bench server in its own process: accepts any bind, answers
// submit_sm and enquire_link, prints {"port":N}, runs until stdin closes.
'use strict';
const smpp = require('smpp');

let id = 0;
const server = smpp.createServer((session) => {
  session.on('error', () => undefined);
  for (const kind of ['bind_transmitter', 'bind_receiver', 'bind_transceiver']) session.on(kind, (pdu) => session.send(pdu.response({ system_id: 'BENCH' })));
  session.on('submit_sm', (pdu) => session.send(pdu.response({ message_id: (++id).toString(16) })));
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => {
    session.send(pdu.response());
    session.close();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
