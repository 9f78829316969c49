// Keeps passwords out of anything a person may read or share: logs, tooltips, captures.
// Passwords known to the running extension are registered here; `maskSecrets` replaces
// each of them, and any `password` value written as JSON or as `password=...`. A short password
// (under 6 characters, such as a simulator's "test") is masked only where it stands on its own,
// not inside a longer word ("latest", "tester"): SMPP passwords are at most 8 characters, and a
// short one would otherwise blank out ordinary words all through the log.

const known = new Set<string>();

/** Registers a resolved password so that every later masked text hides it. */
export function registerSecret(secret: string): void {
  if (secret.length > 0) known.add(secret);
}

export function forgetSecret(secret: string): void {
  known.delete(secret);
}

export const MASK = '••••••';

export function maskSecrets(text: string): string {
  let out = text.replace(/("password"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi, (_m, a: string, v: string, b: string) =>
    v.startsWith('${') ? `${a}${v}${b}` : `${a}${MASK}${b}`,
  );
  out = out.replace(/\b(password\s*[=:]\s*)([^\s,;}]+)/gi, (_m, a: string, v: string) => (v.startsWith('${') || v.startsWith('"') ? `${a}${v}` : `${a}${MASK}`));
  for (const secret of known) {
    if (!out.includes(secret)) continue;
    out = secret.length >= WHOLE_WORD_BELOW ? out.split(secret).join(MASK) : out.replace(standalone(secret), MASK);
  }
  return out;
}

/** Passwords shorter than this are masked only as a whole word. */
const WHOLE_WORD_BELOW = 6;

const standaloneCache = new Map<string, RegExp>();

/** Matches `secret` where no letter or digit touches it on either side. */
function standalone(secret: string): RegExp {
  let re = standaloneCache.get(secret);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    standaloneCache.set(secret, re);
  }
  re.lastIndex = 0;
  return re;
}
