// The proxy's capture names the application each PDU belongs to, on both legs, so the decoder
// can tell two applications apart even on the SMSC leg (whose local side is the proxy itself).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submitText } from '../../../src/smpp/session/messaging';
import { tcpConnector } from '../../../src/smpp/link/transport';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { assertNothingLeft, startProxy } from './support';

describe('the proxy in the capture', { timeout: 30_000 }, () => {
  it('marks every PDU of both legs with the address of the application it belongs to', async (t) => {
    const s = await startSmsc(t);
    const p = await startProxy(t, tcpConnector({ host: '127.0.0.1', port: s.port }));
    const one = esmeFor(t, p.port, { clock: p.clock, bind: { system_id: 'one' } }).session;
    const two = esmeFor(t, p.port, { clock: p.clock, bind: { system_id: 'two' } }).session;
    await one.bind();
    await two.bind();
    await submitText(one, { from: '1', to: '447700900001', text: 'from one' });
    await submitText(two, { from: '2', to: '447700900002', text: 'from two' });
    await one.unbind();
    await two.unbind();
    await assertNothingLeft(p, 2);

    const records = p.capture.records();
    assert.ok(records.length >= 2 * 2 * 6, `${records.length} records`);
    for (const r of records) assert.ok(r.application, `${r.leg} ${r.command} seq ${r.sequence_number} names its application`);
    const apps = new Set(records.map((r) => `${r.application!.host}:${r.application!.port}`));
    assert.equal(apps.size, 2, [...apps].join(', '));
    for (const app of apps) {
      const mine = records.filter((r) => `${r.application!.host}:${r.application!.port}` === app);
      // On the app leg the application opened the connection; its address is that leg's local side.
      for (const r of mine.filter((x) => x.leg === 'app↔proxy')) assert.equal(`${r.local!.host}:${r.local!.port}`, app);
      const legs = new Set(mine.map((r) => r.leg));
      assert.deepEqual([...legs].sort(), ['app↔proxy', 'proxy↔smsc']);
      const submits = mine.filter((r) => r.command === 'submit_sm');
      assert.equal(submits.length, 2, 'each submit crosses both legs once');
    }
  });
});
