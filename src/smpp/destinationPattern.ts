// Destination patterns, as the simulator's rules and the connection file's checks read them: a
// leading `+` ignored on both sides, `*` for any run of characters, `?` for one, the whole address
// matched; or a regular expression written between slashes. No Node API.

/**
 * The destination pattern as a test, or a message saying why it cannot be one. The address given
 * to the test has its leading `+` already removed.
 */
export function destinationMatcher(pattern: string): ((address: string) => boolean) | { error: string } {
  if (pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    try {
      const re = new RegExp(pattern.slice(1, -1), 'u');
      return (address) => re.test(address);
    } catch (e) {
      // V8 says `Invalid regular expression: /…/u: Unterminated character class`: the reason is the part after the pattern.
      const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      return { error: `${JSON.stringify(pattern)} is not a valid regular expression: ${why.charAt(0).toLowerCase()}${why.slice(1)}` };
    }
  }
  const body = pattern.startsWith('+') ? pattern.slice(1) : pattern;
  if (body === '') return { error: 'a destination pattern must not be empty' };
  if (!/[*?]/.test(body)) return (address) => address === body;
  const source = body.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  const re = new RegExp(`^${source}$`, 'su');
  return (address) => re.test(address);
}
