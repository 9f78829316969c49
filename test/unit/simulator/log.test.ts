// The simulator's log: a line for each event while attached, none after it is detached.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachLog } from '../../../src/smpp/simulator/log';
import { esmeFor, startSmsc } from '../../support/smscHarness';
import { next } from '../../support/waitFor';

describe('the simulator log', () => {
  it('writes a line per connection, bind, PDU and unbind, and nothing once detached', async (t) => {
    const s = await startSmsc(t);
    const lines: string[] = [];
    const detach = attachLog(s.sim, (line) => lines.push(line));
    const { session } = esmeFor(t, s.port, { bind: { system_id: 'logged' } });
    await session.bind();
    const gone = next(s.sim, 'disconnect');
    await session.unbind();
    await gone;
    assert.match(lines.find((l) => l.startsWith('connect ')) ?? '', /^connect 127\.0\.0\.1:\d+ \(connection \d+\)$/);
    assert.match(lines.find((l) => l.startsWith('bind ')) ?? '', /^bind 127\.0\.0\.1:\d+ transceiver system_id="logged" accepted$/);
    assert.ok(lines.some((l) => /^in +127\.0\.0\.1:\d+ bind_transceiver seq=1 status=ESME_ROK$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^unbind 127\.0\.0\.1:\d+ by the ESME$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('disconnect ')), lines.join('\n'));

    detach();
    const count = lines.length;
    const again = esmeFor(t, s.port).session;
    await again.bind();
    await again.unbind();
    assert.equal(lines.length, count, 'no line after detaching');
  });
});
