// A connection file's `simulator` block as the simulator takes it: every setting passed on as
// written (seconds, statuses by name), and the accounts' passwords resolved (`${env:NAME}` read
// from the environment given, each registered as a secret so no log shows it). Shared by the
// extension and the CLI.
import type { SimulatorOptions } from './connectionFile';
import { PasswordError, resolveStaticPassword } from './passwords';
import { registerSecret } from './secrets';
import type { EmbeddedSimulatorOptions } from '../smpp/simulator/embedded';
import type { SmscAccount } from '../smpp/simulator/smsc';

/**
 * The embedded simulator's options from a definition's simulator block. Throws a PasswordError
 * (a message for people, never the password) when an account's password cannot be resolved.
 */
export function simulatorRunOptions(sim: SimulatorOptions, env: Record<string, string | undefined>): EmbeddedSimulatorOptions {
  const { accounts, ...rest } = sim;
  return accounts === undefined ? rest : { ...rest, accounts: resolveAccounts(accounts, env) };
}

function resolveAccounts(accounts: readonly { system_id: string; password: string }[], env: Record<string, string | undefined>): SmscAccount[] {
  return accounts.map((a) => {
    let password: string | undefined;
    try {
      password = resolveStaticPassword(a.password, env);
    } catch (e) {
      if (e instanceof PasswordError) throw new PasswordError(`the simulator's account ${JSON.stringify(a.system_id)}: ${e.message}`);
      throw e;
    }
    if (password === undefined) throw new PasswordError(`the simulator's account ${JSON.stringify(a.system_id)}: "\${prompt}" cannot be used for an account; write the password or "\${env:NAME}"`);
    registerSecret(password);
    return { system_id: a.system_id, password };
  });
}
