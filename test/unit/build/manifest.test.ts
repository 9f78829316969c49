// The extension's manifest as the Marketplace and VS Code read it: the icon is a 128×128 PNG, every
// walkthrough step's media is in the package, every command a walkthrough, a menu or a welcome view
// names is contributed, no URL points to a placeholder host, and the .vsix carries the changelog,
// the icon and the walkthrough media but none of the sources or tests.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseConnectionFile } from '../../../src/config/connectionFile';
import { decode } from '../../../src/smpp/codec';
import { parseHexInput } from '../../../src/smpp/hexInput';
import { buildRequest, parseRequestFile } from '../../../src/smpp/requests';

const ROOT = join(__dirname, '..', '..', '..');

interface Media {
  image?: string | { light: string; dark: string; hc: string; hcLight?: string };
  svg?: string;
  markdown?: string;
  altText?: string;
}
interface Step {
  id: string;
  title: string;
  description: string;
  media: Media;
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}
interface MenuItem {
  command?: string;
  alt?: string;
  submenu?: string;
}
interface Manifest {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  repository?: unknown;
  bugs?: unknown;
  homepage?: unknown;
  contributes: {
    commands: Array<{ command: string; title: string }>;
    menus?: Record<string, MenuItem[]>;
    viewsWelcome?: Array<{ view: string; contents: string }>;
    walkthroughs?: Walkthrough[];
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const walkthroughs = manifest.contributes.walkthroughs ?? [];
const steps = walkthroughs.flatMap((w) => w.steps.map((s) => ({ walkthrough: w.id, ...s })));

/**
 * VS Code's own commands that a walkthrough step may link to, each one that VS Code 1.100 (the
 * lowest `engines.vscode` allows) registers.
 */
const VSCODE_COMMANDS = new Set(['workbench.action.files.newUntitledFile']);

/** The command ids of the `command:` links in a walkthrough description or a welcome view. */
const linkedCommands = (markdown: string): string[] => [...markdown.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]!);

/** The files a step's media names, relative to the extension's root. */
function mediaFiles(media: Media): string[] {
  if (media.markdown) return [media.markdown];
  if (media.svg) return [media.svg];
  if (typeof media.image === 'string') return [media.image];
  if (media.image) return Object.values(media.image).filter((p): p is string => typeof p === 'string');
  return [];
}

/** Width and height from a PNG's IHDR chunk, after checking the signature and the chunk's type. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG: the signature is wrong');
  assert.equal(bytes.readUInt32BE(8), 13, 'the first chunk is not a 13-octet IHDR');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', 'the first chunk is not IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every string in the manifest, with where it stands. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

/** Whether a host stands for "fill this in later": RFC 2606 and RFC 6761 names, and the usual stand-ins. */
function placeholderHost(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  return (
    ['test', 'invalid', 'example', 'localhost', 'local'].includes(labels.at(-1)!) ||
    labels.some((l) => /^(example|placeholder|todo|tbd|changeme|your[-_]?.*)$/.test(l)) ||
    /^(127\.|0\.0\.0\.0$|\[::1?\]$)/.test(host)
  );
}

describe('manifest', () => {
  it('names a 128×128 PNG icon that exists', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const file = join(ROOT, manifest.icon);
    assert.ok(existsSync(file), `${manifest.icon} is missing`);
    assert.deepEqual(pngSize(readFileSync(file)), { width: 128, height: 128 });
  });

  it('has a gallery banner, Marketplace categories and keywords', () => {
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), `galleryBanner.theme is ${manifest.galleryBanner?.theme}`);
    const known = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
    assert.ok(manifest.categories?.length, 'no categories');
    for (const c of manifest.categories) assert.ok(known.includes(c), `"${c}" is not a Marketplace category`);
    const keywords = manifest.keywords ?? [];
    assert.ok(keywords.includes('smpp'), 'the keywords leave out smpp');
    assert.ok(keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    assert.equal(new Set(keywords).size, keywords.length, 'a keyword is given twice');
  });

  it('has a walkthrough whose steps each have a title, a description and media that exist', () => {
    assert.ok(steps.length > 0, 'no walkthrough steps');
    const ids = steps.map((s) => `${s.walkthrough}#${s.id}`);
    assert.equal(new Set(ids).size, ids.length, 'two steps share an id');
    for (const step of steps) {
      assert.ok(step.title && step.description, `${step.id} has no title or description`);
      const files = mediaFiles(step.media);
      assert.ok(files.length, `${step.id} has no media`);
      for (const file of files) assert.ok(existsSync(join(ROOT, file)), `${step.id}: ${file} is missing`);
      if (step.media.svg || step.media.image) assert.ok(step.media.altText, `${step.id}: an image or SVG needs altText`);
      if (step.media.svg) assert.match(readFileSync(join(ROOT, step.media.svg), 'utf8'), /^<svg[\s>]/, `${step.id}: ${step.media.svg} is not an SVG`);
    }
  });

  it('completes each walkthrough step on a command the extension contributes', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has no completion event`);
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        assert.ok(command, `${step.id}: "${event}" is not an onCommand event`);
        assert.ok(contributed.has(command), `${step.id}: ${command} is not a contributed command`);
      }
    }
  });

  it('links walkthroughs, their markdown and welcome views only to contributed commands (or VS Code commands it names)', () => {
    const links: Array<[string, string]> = [];
    for (const step of steps) {
      for (const id of linkedCommands(step.description)) links.push([`walkthrough step ${step.id}`, id]);
      if (step.media.markdown) for (const id of linkedCommands(readFileSync(join(ROOT, step.media.markdown), 'utf8'))) links.push([step.media.markdown, id]);
    }
    for (const w of manifest.contributes.viewsWelcome ?? []) for (const id of linkedCommands(w.contents)) links.push([`welcome view of ${w.view}`, id]);
    assert.ok(steps.every((s) => linkedCommands(s.description).length > 0), 'a walkthrough step has no button');
    for (const [where, id] of links) assert.ok(contributed.has(id) || VSCODE_COMMANDS.has(id), `${where} links to ${id}, which is not contributed`);
  });

  it('names in its menus only contributed commands', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) {
        for (const id of [item.command, item.alt]) if (id) assert.ok(contributed.has(id), `menu ${menu} names ${id}, which is not contributed`);
      }
    }
  });

  it('has no URL pointing to a placeholder host, and no repository, bugs or homepage without a real one', () => {
    for (const [path, value] of strings(manifest)) {
      for (const [url] of value.matchAll(/\b(?:https?|git|ssh):\/\/[^\s"')\]]+/gi)) {
        const host = new URL(url).hostname;
        assert.ok(!placeholderHost(host), `${path}: ${url} points to a placeholder host`);
      }
    }
    for (const key of ['repository', 'bugs', 'homepage'] as const) {
      const value = manifest[key];
      if (value === undefined) continue;
      const url = typeof value === 'string' ? value : (value as { url?: unknown }).url;
      assert.ok(typeof url === 'string' && /^https:\/\//.test(url), `${key} has no https URL`);
    }
  });
});

/** The first fenced block of a walkthrough markdown file, by its language. */
function fenced(file: string, language: string): string {
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(join(ROOT, 'media', 'walkthrough', file), 'utf8'));
  assert.ok(block, `${file} has no \`\`\`${language} block`);
  return block[1]!;
}

describe('the walkthrough media', () => {
  it('show the connection file "New Connection File" writes, which binds to the simulator with no problem', () => {
    const parsed = parseConnectionFile(fenced('connection-file.md', 'json'));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.connections.length, 1);
    const [connection] = parsed.connections;
    assert.deepEqual(connection!.problems, []);
    assert.equal(connection!.definition.name, 'Local simulator');
    assert.ok(connection!.definition.simulator, 'the connection does not bind to the simulator');
    assert.equal(connection!.definition.password, '${prompt}');
    // The command writes the same template.
    const command = readFileSync(join(ROOT, 'src', 'commands', 'connectionFiles.ts'), 'utf8');
    const template = /NEW_FILE_TEMPLATE = `([\s\S]*?)`;/.exec(command)?.[1]?.replace(/\\\$/g, '$');
    assert.equal(template, fenced('connection-file.md', 'json'));
  });

  it('give a submit_sm to decode that decodes without a problem', () => {
    const input = parseHexInput(fenced('decode.md', 'text'));
    assert.deepEqual(input.problems, []);
    assert.equal(input.pdus.length, 1);
    const { pdu, problems } = decode(input.pdus[0]!);
    assert.deepEqual(problems, []);
    assert.equal(pdu?.command, 'submit_sm');
  });

  it('give a request file whose blocks parse and build on the connection of the first step', () => {
    const parsed = parseRequestFile(fenced('request-file.md', 'text'), { connections: ['Local simulator'] });
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.blocks.map((b) => [b.command, b.connection, b.repeat]),
      [
        ['enquire_link', 'Local simulator', 1],
        ['submit_sm', 'Local simulator', 3],
      ],
    );
    for (const block of parsed.blocks) {
      const built = buildRequest(block, { counter: 1, sendIndex: 0 });
      assert.deepEqual(built.problems, [], block.title);
      assert.ok(built.pdu, block.title);
    }
  });
});

describe('the .vsix', () => {
  let files: string[];

  before(async () => {
    // vsce's own reading of .vscodeignore, without packaging.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vsce = require('@vscode/vsce') as { listFiles(options: { cwd: string; packageManager: 'none' }): Promise<string[]> };
    files = (await vsce.listFiles({ cwd: ROOT, packageManager: 'none' })).map((f) => f.replace(/\\/g, '/'));
  });

  it('carries the changelog, the icon and every walkthrough medium', () => {
    for (const file of ['CHANGELOG.md', 'README.md', 'LICENSE', manifest.icon!, ...steps.flatMap((s) => mediaFiles(s.media))]) {
      assert.ok(files.includes(file), `${file} is not packaged`);
    }
  });

  it('carries no sources, tests, examples or benchmarks', () => {
    const stray = files.filter((f) => /^(src|test|webview|bench|examples|node_modules|\.ci|\.cache)\//.test(f) || /\.(ts|map)$/.test(f));
    assert.deepEqual(stray, []);
  });
});
