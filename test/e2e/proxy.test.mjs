// End to end, the analyser proxy in a real VS Code (code-server 4.100.3 in headless Chromium, the
// packaged .vsix installed): the workspace defines a proxy in front of the built-in simulator,
// with the application's credentials rewritten to the connection's own. The user starts it from
// its row; "the user's application" is node-smpp's client, run by this test over loopback: it
// binds through the proxy, submits a message, gets its receipt and unbinds. The row shows the
// port and the client count, the application appears as a child row with its bind state, and the
// decoder shows both legs (capture tab and a three-lifeline sequence diagram), and the pcap export
// keeps one TCP stream per leg, with both legs' bind passwords masked. "Disconnect Application" on a
// client row unbinds that application alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, freePort, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { PASSWORD_VAR, openE2eSession } from '../harness/e2eSession.mjs';
import {
  RESULTS_DIR,
  STEP,
  UI_TIMEOUT,
  WAIT,
  clearHovers,
  clearNotifications,
  clickInlineAction,
  decoderFrame,
  notification,
  quickInput,
  quickInputBox,
  runCommand,
  screenshot,
  setSideBarWidth,
  showViewContainer,
  treeItem,
} from '../harness/workbench.mjs';

const NAME = 'Analyser';
// The upstream password comes from code-server's environment; the application binds with its own.
const PASSWORD = 'upS3cr';
const APP_PASSWORD = 'appPw1';

const nodeSmpp = createRequire(import.meta.url)('smpp');

/** node-smpp's callback API as a promise of the response. */
function call(send) {
  return new Promise((resolve, reject) => {
    if (!send(resolve)) reject(new Error('node-smpp could not send: the socket is not writable'));
  });
}

describe('the analyser proxy in a real VS Code', { timeout: 20 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;
  /** @type {import('playwright-core').Page} */
  let page;
  let port = 0;
  /** The application: node-smpp's client. */
  let app;

  /** Runs a step (with no notification left from the one before); when it fails, saves the screen as it was. */
  function step(name, fn) {
    return session.withFailureScreenshot(`proxy-${name}-failure.png`, async () => {
      if (!name.startsWith('1-')) await clearNotifications(page);
      await fn();
    });
  }

  const escaped = () => `127\\.0\\.0\\.1:${port}`;

  before(async () => {
    port = await freePort();
    const connection = {
      name: NAME,
      simulator: { deliveryReceiptDelay: 0 },
      system_id: 'upstream',
      password: `\${env:${PASSWORD_VAR}}`,
      proxy: { listen: port, rewriteCredentials: true },
    };
    session = await openE2eSession({ name: 'proxy', files: { 'analyser.smpp.json': { connections: [connection] } }, env: { [PASSWORD_VAR]: PASSWORD } });
    page = session.page;
  });

  after(async () => {
    app?.destroy();
    await session?.close();
  });

  it('1. starts the proxy from its row: the row shows the port it listens on', STEP, () =>
    step('1-start', async () => {
      const { userDataDir } = session;
      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      await setSideBarWidth(page, 560);
      const stopped = treeItem(page, new RegExp(`^${NAME} proxy stopped · listens on ${escaped()}$`));
      await failOnExtensionError(userDataDir, stopped.waitFor(WAIT));
      await clickInlineAction(stopped, 'Start Proxy');
      await treeItem(page, new RegExp(`^${NAME} proxy listening on ${escaped()} · no clients$`)).waitFor(WAIT);
      await notification(page, new RegExp(`^${NAME}: analyser proxy listening on ${escaped()}`)).waitFor(WAIT);
    }));

  it('2. an application binds through it, submits with a receipt: the row counts it and shows it as a child row', STEP, () =>
    step('2-client', async () => {
      app = nodeSmpp.connect({ host: '127.0.0.1', port });
      app.on('error', () => undefined);
      await once(app, 'connect');
      const bound = await call((cb) => app.bind_transceiver({ system_id: 'myapp', password: APP_PASSWORD }, cb));
      assert.equal(bound.command_status, 0, 'the simulator accepted the rewritten bind');

      const receipt = new Promise((resolve) => {
        app.on('deliver_sm', (pdu) => {
          app.send(pdu.response());
          if (pdu.esm_class & 0x04) resolve(pdu);
        });
      });
      const submitted = await call((cb) => app.submit_sm({ source_addr: '12345', destination_addr: '447700900123', short_message: 'Through the analyser', registered_delivery: 1 }, cb));
      assert.equal(submitted.command_status, 0);
      const deliver = await receipt;
      assert.equal(deliver.receipted_message_id ?? '', submitted.message_id);

      await treeItem(page, new RegExp(`^${NAME} proxy listening on ${escaped()} · 1 client$`)).waitFor(WAIT);
      const child = treeItem(page, /^App 127\.0\.0\.1:\d+ bound_trx · SMSC bound_trx$/);
      await child.waitFor(WAIT);
      await clearHovers(page);
      await screenshot(page, 'proxy-1-client.png');

      // The SMPP log names each leg; the upstream password never shows, not even rewritten.
      const lines = await waitUntil(
        () => {
          const l = readOutputChannelLog(session.userDataDir).map((e) => e.message);
          return l.some((m) => new RegExp(`^${NAME} \\[client \\d+\\] SMSC → proxy deliver_sm `).test(m)) ? l : undefined;
        },
        { timeoutMs: UI_TIMEOUT, what: 'the relayed deliver_sm in the SMPP log' },
      );
      for (const re of [/app → proxy bind_transceiver/, /proxy → SMSC bind_transceiver/, /proxy → app submit_sm_resp seq=\d+ ESME_ROK/]) {
        assert.ok(lines.some((m) => re.test(m)), `the log has ${re}:\n${lines.join('\n')}`);
      }
      assert.ok(!lines.some((m) => m.includes(PASSWORD)), 'the upstream password is not in the log');
    }));

  it('3. the decoder shows both legs: the capture tab and a three-lifeline sequence diagram', STEP, () =>
    step('3-legs', async () => {
      const row = treeItem(page, new RegExp(`^${NAME} proxy listening`));
      await clickInlineAction(row, 'Show Traffic');
      const frame = await decoderFrame(page);
      const rows = frame.locator('[data-testid="capture-row"]');
      await rows.first().waitFor(WAIT);
      await frame.locator('[data-testid="capture-row"][data-leg="app↔proxy"]').first().waitFor(WAIT);
      await frame.locator('[data-testid="capture-row"][data-leg="proxy↔smsc"]').first().waitFor(WAIT);

      await frame.locator('[data-testid="tab-ladder"]').click();
      const ladder = frame.locator('[data-testid="ladder"]');
      await ladder.locator('[data-testid="ladder-arrow"]').first().waitFor(WAIT);
      const heads = await frame.locator('[data-testid="ladder-head"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lifeline')));
      assert.deepEqual(heads, ['app', 'proxy', 'smsc']);
      const commands = await ladder.locator('[data-testid="ladder-arrow"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command')));
      // The submit crosses both legs, and so does its receipt.
      assert.ok(commands.filter((c) => c === 'submit_sm').length >= 2, commands.join(' '));
      assert.ok(commands.filter((c) => c === 'deliver_sm').length >= 2, commands.join(' '));
      await screenshot(page, 'proxy-2-ladder.png');
    }));

  it('4. exports both legs as a pcap that tshark reads: one TCP stream per leg, both passwords masked', STEP, () =>
    step('4-pcap', async () => {
      // Where the proxy relays to: the simulator's port, from the log line of the start.
      const started = readOutputChannelLog(session.userDataDir)
        .map((e) => /relaying to built-in simulator on 127\.0\.0\.1:(\d+)/.exec(e.message))
        .find((m) => m !== null);
      assert.ok(started, 'the log says where the proxy relays to');
      const smscPort = Number(started[1]);

      const file = path.join(session.workspace, 'proxy.pcap');
      await runCommand(page, 'SMPP: Export Capture as pcap');
      await quickInput(page).locator('.quick-input-title', { hasText: 'Export the capture as pcap' }).waitFor(WAIT);
      const box = quickInputBox(page);
      // The dialog fills in its proposal a moment after it opens; wait for it before typing over it.
      await waitUntil(async () => /\.pcap$/.test(await box.inputValue()) || undefined, { timeoutMs: UI_TIMEOUT, what: 'the save dialog to propose a file name' });
      await box.fill(file);
      await page.keyboard.press('Enter');
      await notification(page, /^Saved \d+ PDUs to proxy\.pcap\./).waitFor(WAIT);
      fs.copyFileSync(file, path.join(RESULTS_DIR, 'proxy-capture.pcap'));

      const fields = ['tcp.stream', 'tcp.dstport', 'smpp.command_id', 'smpp.system_id', 'smpp.password'];
      const tshark = spawnSync('tshark', ['-r', file, '-d', `tcp.port==${port},smpp`, '-d', `tcp.port==${smscPort},smpp`, '-Y', 'smpp', '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
      assert.equal(tshark.error, undefined, 'tshark is missing: apt-get install -y tshark');
      assert.equal(tshark.status, 0, tshark.stderr);
      const pdus = tshark.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('|'))
        .map(([stream, dstport, id, systemId, password]) => ({ stream: Number(stream), dstport: Number(dstport), id: Number(id), systemId, password }));
      const BIND_TRX = 0x00000009;
      const SUBMIT_SM = 0x00000004;
      const DELIVER_SM = 0x00000005;
      // One TCP stream per leg: the application's to the proxy, the proxy's to the SMSC.
      assert.deepEqual([...new Set(pdus.map((p) => p.stream))].sort(), [0, 1]);
      const appBind = pdus.find((p) => p.id === BIND_TRX && p.dstport === port);
      const smscBind = pdus.find((p) => p.id === BIND_TRX && p.dstport === smscPort);
      assert.ok(appBind && smscBind, tshark.stdout);
      assert.notEqual(appBind.stream, smscBind.stream);
      // The application's own credentials on its leg; the connection's, rewritten, on the SMSC's. Both masked.
      assert.equal(appBind.systemId, 'myapp');
      assert.equal(smscBind.systemId, 'upstream');
      assert.equal(appBind.password, '*'.repeat(APP_PASSWORD.length));
      assert.equal(smscBind.password, '*'.repeat(PASSWORD.length));
      const bytes = fs.readFileSync(file);
      assert.equal(bytes.includes(Buffer.from(PASSWORD)), false, 'the upstream password is in the pcap');
      assert.equal(bytes.includes(Buffer.from(APP_PASSWORD)), false, "the application's password is in the pcap");
      // The submit and its receipt cross both legs.
      for (const id of [SUBMIT_SM, DELIVER_SM]) assert.deepEqual([...new Set(pdus.filter((p) => p.id === id).map((p) => p.stream))].sort(), [0, 1], `command 0x${id.toString(16)} on both streams`);
    }));

  it('5. "Disconnect Application" on a client row ends that application cleanly: the proxy unbinds it', STEP, () =>
    step('5-disconnect', async () => {
      // A second application, bound as a transmitter: two client rows.
      const second = nodeSmpp.connect({ host: '127.0.0.1', port });
      second.on('error', () => undefined);
      await once(second, 'connect');
      assert.equal((await call((cb) => second.bind_transmitter({ system_id: 'second', password: APP_PASSWORD }, cb))).command_status, 0);
      await treeItem(page, new RegExp(`^${NAME} proxy listening on ${escaped()} · 2 clients$`)).waitFor(WAIT);
      const row = treeItem(page, /^App 127\.0\.0\.1:\d+ bound_tx · SMSC bound_tx$/);
      await row.waitFor(WAIT);

      // The proxy sends the application an unbind, which it answers; then the proxy closes it.
      const unbind = new Promise((resolve) => second.on('unbind', (pdu) => resolve(pdu)));
      const closed = once(second, 'close');
      await clickInlineAction(row, 'Disconnect Application');
      second.send((await unbind).response());
      await closed;
      await treeItem(page, new RegExp(`^${NAME} proxy listening on ${escaped()} · 1 client$`)).waitFor(WAIT);
      assert.equal(await row.count(), 0, 'the disconnected application has no row');
      // The first application is untouched.
      assert.equal((await call((cb) => app.enquire_link(cb))).command_status, 0);
    }));

  it('6. the application unbinds and the user stops the proxy', STEP, () =>
    step('6-stop', async () => {
      const closed = once(app, 'close');
      const unbound = await call((cb) => app.unbind(cb));
      assert.equal(unbound.command_status, 0);
      app.close();
      await closed;
      const row = treeItem(page, new RegExp(`^${NAME} proxy listening on ${escaped()} · no clients$`));
      await row.waitFor(WAIT);
      await clickInlineAction(row, 'Stop Proxy');
      await treeItem(page, new RegExp(`^${NAME} proxy stopped · listens on ${escaped()}$`)).waitFor(WAIT);
    }));
});
