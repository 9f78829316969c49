// What went wrong reading a file, in words: Node's error codes (the CLI) and the codes of VS Code's
// FileSystemError (the extension) alike, so that no message ends in a bare ENOENT.

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'not found',
  FileNotFound: 'not found',
  EISDIR: 'is a directory, not a file',
  FileIsADirectory: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  FileNotADirectory: 'a part of the path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  NoPermissions: 'permission denied',
  ELOOP: 'too many symbolic links in the path',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  Unavailable: 'the file system is unavailable',
};

export function fileErrorWords(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && Object.hasOwn(WORDS, code)) return WORDS[code];
  return err instanceof Error ? err.message : String(err);
}
