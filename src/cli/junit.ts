// A JUnit XML report of a request file's run, as CI servers read it: one testsuite for the file,
// one testcase per block, a failure (with every failed expectation) for each block that failed.

import type { BlockResult } from '../smpp/requests';

/**
 * Text as XML character data (or, with `attribute`, an attribute value, whose line breaks are kept
 * as references): markup escaped, characters XML 1.0 cannot hold left out.
 */
export function xmlEscape(s: string, attribute = true): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x26) out += '&amp;';
    else if (c === 0x3c) out += '&lt;';
    else if (c === 0x3e) out += '&gt;';
    else if (c === 0x22) out += '&quot;';
    else if (c === 0x27) out += '&apos;';
    else if (c === 0x09 || c === 0x0a || c === 0x0d) out += attribute ? `&#${c};` : ch;
    else if (c < 0x20 || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) continue;
    else out += ch;
  }
  return out;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** The block's name in reports: its title, else `block N`. */
export function blockLabel(r: BlockResult): string {
  return r.title ?? `block ${r.index + 1}`;
}

/** Every reason a block failed, one a line. */
export function failureLines(r: BlockResult): string[] {
  const lines: string[] = [];
  if (r.error !== undefined) lines.push(r.error);
  for (const e of r.expectations) if (!e.passed) lines.push(`expect ${e.text}: ${e.message ?? 'failed'}`);
  return lines;
}

function sendLines(r: BlockResult): string[] {
  return r.sends.map((s) => {
    const head = `send ${s.index + 1}: ${r.command ?? ''}`;
    if (s.response === undefined) return `${head} → ${s.error ?? 'no response'}`;
    const id = s.response.body.message_id;
    const receipts = s.receipts?.map((x) => x.state).join(', ');
    return `${head} → ${s.response.command} ${s.response.statusName} in ${s.response.rtt} ms${typeof id === 'string' && id !== '' ? ` message_id ${id}` : ''}${receipts ? ` receipt ${receipts}` : ''}`;
  });
}

/** The report for one file's run. `suite` names the file. */
export function junitReport(suite: string, results: readonly BlockResult[], timestamp: Date): string {
  const failures = results.filter((r) => !r.passed).length;
  const total = results.reduce((t, r) => t + r.durationMs, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="smpp-panel run" tests="${results.length}" failures="${failures}" errors="0" time="${seconds(total)}">`);
  out.push(`  <testsuite name="${xmlEscape(suite)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}" timestamp="${timestamp.toISOString().replace(/\.\d{3}Z$/, '')}">`);
  for (const r of results) {
    const name = `${blockLabel(r)}${r.command ? ` (${r.command})` : ''}`;
    out.push(`    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(suite)}" time="${seconds(r.durationMs)}">`);
    if (!r.passed) {
      const lines = failureLines(r);
      out.push(`      <failure message="${xmlEscape(lines[0] ?? 'failed')}" type="expectation">${xmlEscape(lines.join('\n'), false)}</failure>`);
    }
    const sent = sendLines(r);
    if (sent.length > 0) out.push(`      <system-out>${xmlEscape(sent.join('\n'), false)}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
