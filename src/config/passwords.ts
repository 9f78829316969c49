// Where a connection's password comes from. `${env:NAME}` reads the environment, `${prompt}`
// asks once and keeps the answer in secret storage, anything else is the literal password.
import { ENV_PASSWORD, PROMPT_PASSWORD } from './connectionFile';
import { passwordProblem, unsendableAt } from './octetStrings';

export type PasswordSource =
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string }
  | { kind: 'prompt' };

export function passwordSource(written: string): PasswordSource {
  if (written === PROMPT_PASSWORD) return { kind: 'prompt' };
  const env = ENV_PASSWORD.exec(written);
  if (env) return { kind: 'env', name: env[1] };
  return { kind: 'literal', value: written };
}

export class PasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordError';
  }
}

/** Resolves `${env:NAME}` and literals; `${prompt}` needs the host's secret storage, so it returns undefined. */
export function resolveStaticPassword(written: string, env: Record<string, string | undefined>): string | undefined {
  const source = passwordSource(written);
  switch (source.kind) {
    case 'literal':
      return source.value;
    case 'env': {
      const value = env[source.name];
      if (value === undefined) throw new PasswordError(`the password comes from the environment variable ${source.name}, which is not set`);
      if ([...value].length > 8) throw new PasswordError(`the environment variable ${source.name} holds ${[...value].length} characters; an SMPP password has at most 8`);
      const position = unsendableAt(value);
      if (position > 0) throw new PasswordError(`the environment variable ${source.name}: ${passwordProblem(position)}`);
      return value;
    }
    case 'prompt':
      return undefined;
  }
}

/** The key under which a prompted password is kept: one per file and connection. */
export function secretKey(fileUri: string, connectionName: string): string {
  return `smpp.password:${fileUri}#${connectionName}`;
}
