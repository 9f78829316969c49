// The bind's C-octet strings (system_id, password, system_type, address_range) go out as one
// ISO-8859-1 octet a character, ended by a NUL. A character beyond U+00FF cannot be sent, and a
// NUL would end the field early: the file is refused before anything is bound. A password's
// message names the position only, never the character.

/** The 1-based position of the first character a C-octet string cannot carry, or 0 when all can go. */
export function unsendableAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Every character before the first bad one is a single UTF-16 unit, so i + 1 counts characters.
    if (c === 0 || c > 0xff) return i + 1;
  }
  return 0;
}

/** What is wrong with a password at `position`, without showing any character of it. */
export function passwordProblem(position: number): string {
  return `the character at position ${position} cannot be sent: SMPP sends a password in ISO-8859-1, one octet a character, without NUL`;
}

/** What is wrong with a (non-secret) C-octet string `field` holding `value`, or undefined. */
export function octetProblem(field: string, value: string): string | undefined {
  const position = unsendableAt(value);
  if (position === 0) return undefined;
  if (field === 'password') return passwordProblem(position);
  const code = value.codePointAt(position - 1) as number;
  if (code === 0) return `the character at position ${position} is NUL, which would end ${field} early`;
  return `the character at position ${position} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) cannot be sent: SMPP sends ${field} in ISO-8859-1, one octet a character`;
}
