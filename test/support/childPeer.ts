// A peer running as its own process (an independent SMSC, an ESME built on another library)
// that reports JSON lines on stdout and takes JSON commands on stdin.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { waitForEvent } from './events';

export interface PeerEvent {
  event: string;
  [key: string]: unknown;
}

export class ChildPeer extends EventEmitter {
  readonly events: PeerEvent[] = [];
  private readonly child: ChildProcess;
  private stderr = '';
  private exited: Promise<void>;

  constructor(script: string, env: Record<string, string> = {}) {
    super();
    this.child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      let e: PeerEvent;
      try {
        e = JSON.parse(line) as PeerEvent;
      } catch {
        return;
      }
      this.events.push(e);
      this.emit('peer', e);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /** The first event (already seen or still to come) that matches. */
  async next(event: string, match: (e: PeerEvent) => boolean = () => true): Promise<PeerEvent> {
    const seen = this.events.find((e) => e.event === event && match(e));
    if (seen) return seen;
    try {
      return await waitForEvent<PeerEvent>(this, 'peer', (e) => e.event === event && match(e));
    } catch (err) {
      throw new Error(`${(err as Error).message}; peer stderr: ${this.stderr || '(empty)'}; events: ${JSON.stringify(this.events.slice(-10))}`);
    }
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin?.write(JSON.stringify(command) + '\n');
  }

  /** Sends the process a signal: SIGSTOP hangs it with its sockets open, SIGCONT wakes it. */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.send({ cmd: 'exit' });
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(killer);
  }
}
