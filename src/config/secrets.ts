// Keeps passwords out of anything a person may read or share: logs, tooltips, captures.
// Passwords known to the running extension are registered here; `maskSecrets` replaces
// each of them, and any `password` value written as JSON or as `password=...`.

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
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}
