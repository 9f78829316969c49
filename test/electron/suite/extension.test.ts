// Runs inside VS Code desktop with the extension under development loaded and the
// test/fixtures/workspaces/basic workspace open (see ../runTest.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'smpp-session-panel.smpp-session-panel';
const VIEW_ID = 'smpp.connections';

interface MenuItem {
  command: string;
  when?: string;
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

suite('SMPP Session Panel', () => {
  test('activates in a workspace that holds a .smpp.json', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test(`registers the commands of the ${VIEW_ID} view`, async () => {
    const ext = extension();
    await ext.activate();
    const menus = (ext.packageJSON.contributes?.menus ?? {}) as Record<string, MenuItem[]>;
    const viewCommands = [...(menus['view/title'] ?? []), ...(menus['view/item/context'] ?? [])]
      .filter((item) => item.when?.includes(`view == ${VIEW_ID}`))
      .map((item) => item.command);
    assert.ok(viewCommands.length > 0, `package.json contributes no menu commands for ${VIEW_ID}`);

    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = ((ext.packageJSON.contributes?.commands ?? []) as MenuItem[]).map((c) => c.command);
    for (const command of new Set([...viewCommands, ...contributed])) {
      assert.ok(registered.has(command), `command ${command} is not registered`);
    }
    // VS Code's own command that opens the view: the view is contributed and known.
    assert.ok(registered.has(`${VIEW_ID}.focus`), `the view ${VIEW_ID} is not contributed`);
  });
});
