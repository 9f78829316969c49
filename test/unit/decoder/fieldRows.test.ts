// The decoder's field table model: rows from the codec's tree, what starts closed, where problems
// go, the innermost field of a byte, and the value / meaning cells.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode } from '../../../src/smpp/codec';
import type { FieldNode, Problem } from '../../../src/smpp/fields';
import {
  ancestors,
  buildRows,
  defaultClosed,
  formatValue,
  indexFields,
  innermostAt,
  MAX_VALUE,
  meaning,
  problemBytes,
  startsClosed,
  visiblePath,
  type FieldRow,
} from '../../../webview/fieldRows';

const submit = encode({
  command: 'submit_sm',
  sequence_number: 5,
  body: { source_addr: 'Acme', destination_addr: '447700900123', esm_class: 0x40, registered_delivery: 1, short_message: Uint8Array.of(0x05, 0x00, 0x03, 0x2a, 0x02, 0x01, 0x48, 0x69) },
  tlvs: [{ name: 'user_message_reference', value: 9 }],
});
const result = decode(submit, { fields: true });
const roots = result.fields!;
const index = indexFields(roots);
const byName = (name: string) => index.find((n) => n.node.name === name)!;
const fieldRows = (rows: ReturnType<typeof buildRows>) => rows.filter((r): r is FieldRow => r.kind === 'field');

describe('field rows', () => {
  it('index paths follow the tree', () => {
    assert.deepEqual(index.slice(0, 3).map((n) => [n.path, n.node.name, n.depth]), [
      ['0', 'header', 0],
      ['0.0', 'command_length', 1],
      ['0.1', 'command_id', 1],
    ]);
    const dest = byName('destination_addr');
    assert.equal(dest.parent, dest.path.split('.').slice(0, -1).join('.'));
  });

  it('bit fields and plain TLVs start closed; the message, its UDH and text start open', () => {
    assert.equal(startsClosed(byName('esm_class').node), true);
    assert.equal(startsClosed(byName('registered_delivery').node), true);
    assert.equal(startsClosed(byName('user_message_reference').node), true);
    assert.equal(startsClosed(byName('short_message').node), false);
    assert.equal(startsClosed(byName('udh').node), false);
    const closed = defaultClosed(index);
    const shown = fieldRows(buildRows(roots, closed, result.problems)).map((r) => r.node.name);
    for (const name of ['destination_addr', 'short_message', 'udh', 'text', 'user_message_reference']) assert.ok(shown.includes(name), name);
    assert.ok(!shown.includes('tag'), 'TLV tag rows are inside a closed TLV');
  });

  it('a closed node hides its subtree and says it is closed', () => {
    const sm = byName('short_message');
    const rows = fieldRows(buildRows(roots, new Set([sm.path]), []));
    const row = rows.find((r) => r.path === sm.path)!;
    assert.equal(row.open, false);
    assert.equal(row.hasChildren, true);
    assert.ok(!rows.some((r) => r.path.startsWith(sm.path + '.')));
  });

  it('a problem follows its field; a hidden one follows the nearest shown ancestor', () => {
    const truncated = submit.subarray(0, submit.length - 3);
    const r = decode(truncated, { fields: true });
    const idx = indexFields(r.fields!);
    const rows = buildRows(r.fields!, new Set(), r.problems);
    const problems = rows.filter((x) => x.kind === 'problem');
    assert.equal(problems.length, r.problems.length);
    for (const p of problems) {
      const at = rows.indexOf(p);
      if (p.path.startsWith('@')) continue;
      const owner = rows.findIndex((x) => x.kind === 'field' && x.path === p.path);
      assert.ok(owner >= 0 && owner < at, 'after its field');
    }
    // Close the root holding a problem: the problem still shows, right under that root's row.
    const holder = idx.find((n) => n.node.problem !== undefined && n.depth > 0)!;
    const top = holder.path.split('.')[0]!;
    const closedRows = buildRows(r.fields!, new Set([top]), r.problems);
    const topAt = closedRows.findIndex((x) => x.kind === 'field' && x.path === top);
    assert.ok(closedRows.slice(topAt + 1).some((x) => x.kind === 'problem' && x.path === top));
  });

  it('a problem no field holds goes after the roots before its offset', () => {
    const node = (name: string, offset: number, length: number): FieldNode => ({ name, label: name, value: undefined, display: '', offset, length });
    const loose: Problem = { offset: 20, field: 'command_length', expected: '', found: '', message: 'trailing bytes' };
    const rows = buildRows([node('header', 0, 16), node('body', 16, 4), node('tlvs', 24, 4)], new Set(), [loose]);
    assert.deepEqual(
      rows.map((r) => (r.kind === 'field' ? r.node.name : 'problem')),
      ['header', 'body', 'problem', 'tlvs'],
    );
  });

  it('innermostAt picks the shortest field holding the byte, the field over its bits', () => {
    const dest = byName('destination_addr');
    assert.equal(innermostAt(index, dest.node.offset)?.path, dest.path);
    assert.equal(innermostAt(index, dest.node.offset + dest.node.length - 1)?.node.name, 'destination_addr');
    assert.equal(innermostAt(index, byName('esm_class').node.offset)?.node.name, 'esm_class');
    assert.equal(innermostAt(index, 5)?.node.name, 'command_id');
    const udhl = byName('udhl');
    assert.equal(innermostAt(index, udhl.node.offset)?.node.name, 'udhl');
    assert.equal(innermostAt(index, submit.length + 5), undefined);
  });

  it('ancestors and visiblePath walk up the path', () => {
    assert.deepEqual(ancestors('1.4.0'), ['1', '1.4']);
    assert.deepEqual(ancestors('2'), []);
    assert.equal(visiblePath('1.4.0', new Set(['1', '1.4'])), '1.4');
    assert.equal(visiblePath('1.4.0', new Set(['1.4.0'])), '1.4.0');
    assert.equal(visiblePath('3.1', new Set(['1'])), undefined);
  });

  it('values read in one cell, whole up to a limit; meaning only when it says more', () => {
    assert.equal(formatValue(12), '12');
    assert.equal(formatValue('447700'), '"447700"');
    assert.equal(formatValue(Uint8Array.of(1, 2, 255)), '01 02 ff');
    assert.equal(formatValue(new Uint8Array(40)).endsWith('…'), true);
    assert.equal(formatValue({ a: 1 }), '');
    assert.equal(formatValue(undefined), '');
    // A 160-character text shows whole (the cell wraps it); only a value past the limit is cut.
    assert.equal(formatValue('x'.repeat(160)), JSON.stringify('x'.repeat(160)));
    assert.equal(formatValue('x'.repeat(5000)).length, MAX_VALUE);
    assert.equal(meaning(byName('destination_addr').node), '', 'the quoted string says nothing more');
    assert.equal(meaning(byName('command_length').node), '');
    assert.match(meaning(byName('command_id').node), /submit_sm/);
    assert.match(meaning(byName('dest_addr_ton').node), /\(/);
  });

  it('problem bytes cover each problem, clipped to the PDU', () => {
    const p = (offset: number, length?: number): Problem => ({ offset, ...(length === undefined ? {} : { length }), field: 'f', expected: '', found: '', message: '' });
    assert.deepEqual([...problemBytes([p(0, 4)], 20)], [0, 1, 2, 3]);
    assert.deepEqual([...problemBytes([p(30)], 20)], [19]);
    assert.deepEqual([...problemBytes([p(18, 10)], 20)], [18, 19]);
    assert.deepEqual([...problemBytes([p(3)], 0)], []);
  });
});
