// End to end, workspace trust in a real VS Code (code-server 4.100.3 in headless Chromium): in a
// workspace the user does not trust, the SMPP view lists the connections with a note, Bind refuses
// with a message, and nothing connects: not the connection that asks to bind at start
// (`autoBind`), not a click on Bind. A TCP server of the test's own stands in for the SMSC and
// counts the connections it gets. The decoder, which connects to nothing, still works.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { openE2eSession } from '../harness/e2eSession.mjs';
import {
  UI_TIMEOUT,
  WAIT,
  clearHovers,
  clickInlineAction,
  decoderFrame,
  notification,
  pickQuickItem,
  runCommand,
  screenshot,
  setSideBarWidth,
  showViewContainer,
  treeItem,
} from '../harness/workbench.mjs';

const UNTRUSTED_NOTE = ' · untrusted workspace: will not connect';
const REFUSAL = 'bind failed: this workspace is not trusted, so SMPP Session Panel does not connect. Trust the workspace to bind.';

describe('an untrusted workspace in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** @type {net.Server | undefined} */
  let smsc;
  /** @type {net.Socket[]} */
  const accepted = [];

  before(async () => {
    // The "SMSC": it only counts who connects.
    smsc = net.createServer((socket) => accepted.push(socket));
    await new Promise((resolve, reject) => {
      smsc.once('error', reject);
      smsc.listen(0, '127.0.0.1', resolve);
    });
    const { port } = /** @type {net.AddressInfo} */ (smsc.address());

    const connections = [
      { name: 'Local simulator', simulator: {}, system_id: 'test', password: 'test', autoBind: true },
      { name: 'Test SMSC', host: '127.0.0.1', port, system_id: 'test', password: 'test', autoBind: true, reconnect: true },
    ];
    session = await openE2eSession({ name: 'trust', files: { 'carrier.smpp.json': { connections } }, trusted: false });
  });

  after(async () => {
    await session?.close();
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => (smsc ? smsc.close(() => resolve(undefined)) : resolve(undefined)));
  });

  it('6. lists the connections with a note, refuses to bind, and connects nothing', { timeout: 5 * 60_000 }, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('trust-6-failure.png', async () => {
      // VS Code asks first; the user keeps the folder in restricted mode.
      const ask = page.getByRole('dialog').filter({ hasText: 'Do you trust the authors of the files in this folder?' });
      await ask.getByRole('button', { name: /^No, I don't trust the authors/ }).click(WAIT);
      await ask.waitFor({ state: 'hidden', ...WAIT });

      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      await setSideBarWidth(page, 520);
      const simulatorRow = treeItem(page, `Local simulator closed${UNTRUSTED_NOTE}`);
      const tcpRow = treeItem(page, `Test SMSC closed${UNTRUSTED_NOTE}`);
      await failOnExtensionError(userDataDir, simulatorRow.waitFor(WAIT));
      await tcpRow.waitFor(WAIT);
      const activated = readOutputChannelLog(userDataDir).find((e) => /activated in [\d.]+ ms/.test(e.message));
      assert.match(activated?.message ?? '', /\(workspace untrusted\)/);

      // The row's details say why.
      await tcpRow.click({ position: { x: 60, y: 11 } });
      await treeItem(page, 'Workspace trust: not trusted: listed but never connects').waitFor(WAIT);

      // Bind from the row, and from the palette: both refuse, with the reason.
      await clickInlineAction(tcpRow, 'Bind');
      await notification(page, `Test SMSC: ${REFUSAL}`).waitFor(WAIT);
      await runCommand(page, 'SMPP: Bind');
      await pickQuickItem(page, 'Local simulator');
      await notification(page, `Local simulator: ${REFUSAL}`).waitFor(WAIT);
      await waitUntil(() => readOutputChannelLog(userDataDir).filter((e) => e.level === 'error' && e.message.includes(REFUSAL)).length === 2 || undefined, {
        timeoutMs: UI_TIMEOUT,
        what: 'both refusals in the SMPP log',
      });

      await clearHovers(page);
      await screenshot(page, 'trust-6-untrusted.png');

      // The decoder needs no connection, and works.
      await runCommand(page, 'SMPP: Open PDU Decoder');
      const frame = decoderFrame(page);
      await frame.locator('[data-testid="hex-input"] textarea').fill('0000001000000015000000000000002a');
      await frame.locator('[data-testid="pdu-summary"]', { hasText: /^enquire_link · seq 42/ }).waitFor(WAIT);

      // Nothing connected: no PDU, no state change, no socket at the test's SMSC; rows still closed.
      const log = readOutputChannelLog(userDataDir).map((e) => e.message);
      assert.ok(!log.some((m) => / → bind_| → |connecting/.test(m)), log.join('\n'));
      assert.equal(accepted.length, 0, 'the untrusted workspace opened a TCP connection');
      await simulatorRow.waitFor(WAIT);
      await tcpRow.waitFor(WAIT);
      assert.match(await page.locator('.statusbar').innerText(), /SMPP 0\/2/);
      assert.deepEqual(findExtensionErrors(userDataDir), []);
    });
  });
});
