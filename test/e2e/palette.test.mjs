// End to end, in a real VS Code (code-server 4.100.3 in headless Chromium, the packaged .vsix
// installed): on a fresh copy of the examples workspace, with nothing bound, "SMPP: Send
// enquire_link" from the command palette lists every connection with its state, and picking
// "Local simulator" binds it (with progress) and sends the enquire_link in one go: no dead end.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { failOnExtensionError, findExtensionErrors, readOutputChannelLog, waitUntil } from '../harness/codeServer.mjs';
import { exampleFiles, openE2eSession } from '../harness/e2eSession.mjs';
import { STEP, UI_TIMEOUT, WAIT, clearHovers, notification, pickQuickItem, quickInput, runCommand, screenshot, setSideBarWidth, showViewContainer, treeItem } from '../harness/workbench.mjs';

const CONNECTION = 'Local simulator';


describe('the command palette in a real VS Code', { timeout: 15 * 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof openE2eSession>> | undefined} */
  let session;

  before(async () => {
    session = await openE2eSession({ name: 'palette', files: exampleFiles() });
  });

  after(() => session?.close());

  it('sends enquire_link on a connection nobody bound: pick it, it binds, the round trip shows', STEP, async () => {
    assert.ok(session);
    const { page, userDataDir } = session;
    await session.withFailureScreenshot('palette-failure.png', async () => {
      await failOnExtensionError(userDataDir, showViewContainer(page, 'SMPP'));
      await setSideBarWidth(page, 480);
      await failOnExtensionError(userDataDir, treeItem(page, new RegExp(`^${CONNECTION} closed$`)).waitFor(WAIT));

      await runCommand(page, 'SMPP: Send enquire_link');
      // Every connection that can send enquire_link is listed, with its state: none is bound yet.
      const options = quickInput(page).getByRole('option');
      await options.first().waitFor(WAIT);
      const listed = await options.allInnerTexts();
      const local = listed.find((t) => t.startsWith(CONNECTION));
      assert.ok(local, listed.join('\n'));
      assert.match(local, /closed · binds first/);
      assert.ok(listed.some((t) => t.startsWith('Simulator (receiver)')), `the receiver is listed too: ${listed.join(' | ')}`);
      assert.ok(!listed.some((t) => t.startsWith('Analyser proxy')), 'an analyser proxy does not send enquire_link');
      await clearHovers(page);
      await screenshot(page, 'palette-1-pick.png');

      await pickQuickItem(page, CONNECTION);
      await notification(page, new RegExp(`^${CONNECTION}: enquire_link_resp in \\d+ ms`)).waitFor(WAIT);
      await treeItem(page, new RegExp(`^${CONNECTION} bound_trx`)).waitFor(WAIT);

      // The log: the bind, then our enquire_link and its response.
      const lines = await waitUntil(
        () => {
          const messages = readOutputChannelLog(userDataDir).map((e) => e.message);
          const bind = messages.findIndex((l) => l.startsWith(`${CONNECTION} ← bind_transceiver_resp`));
          const resp = messages.findIndex((l) => new RegExp(`^${CONNECTION} ← enquire_link_resp seq=\\d+ ESME_ROK`).test(l));
          return bind !== -1 && resp > bind ? messages : undefined;
        },
        { timeoutMs: UI_TIMEOUT, what: 'bind_transceiver_resp, then enquire_link_resp, in the SMPP log' },
      );
      assert.ok(lines.some((l) => l.startsWith(`${CONNECTION} → enquire_link seq=`)), lines.join('\n'));
      assert.deepEqual(findExtensionErrors(userDataDir), []);
      // The bind's progress closes once the bind is done.
      await notification(page, new RegExp(`^SMPP: binding ${CONNECTION} to send enquire_link`)).waitFor({ state: 'hidden', ...WAIT });
      await clearHovers(page);
      await screenshot(page, 'palette-2-round-trip.png');
    });
  });
});
