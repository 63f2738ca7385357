// The build network: a Docker bridge of its own whose containers (a SERVICE build's RUN steps,
// a STATIC build's container) reach the internet but nothing of the host or the private
// network: not the platform's services on loopback or on the bridge gateway, not other
// containers, not cloud metadata at 169.254.169.254. Enforced with iptables on the host:
//  - INPUT from the bridge is dropped: the host's own addresses, whatever they are;
//  - DOCKER-USER (Docker's chain for rules of its users, consulted before its own) drops
//    forwarded packets from the bridge to every non-public range.
// DNS still works: Docker's embedded resolver answers inside each container and asks upstream
// from the engine itself. iptables runs through spawn(argv), as everything else.
import { runCommand } from '../shared/run-command.js';
import { NON_PUBLIC_IPV4_RANGES } from '@paas/outbound';

export const BUILD_BRIDGE = 'paas-build0';

export class BuildIsolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildIsolationError';
  }
}

export class BuildFirewall {
  private checkedAt = 0;

  constructor(
    readonly bridge = BUILD_BRIDGE,
    private readonly iptables = 'iptables',
  ) {}

  /** Each rule as [chain, ...match and target]. */
  rules(): string[][] {
    return [
      ['INPUT', '-i', this.bridge, '-j', 'DROP'],
      ...NON_PUBLIC_IPV4_RANGES.map(([net, prefix]) => ['DOCKER-USER', '-i', this.bridge, '-d', `${net}/${prefix}`, '-j', 'DROP']),
    ];
  }

  /** Adds the rules that are missing, at the top of their chains (idempotent). */
  async install(): Promise<void> {
    for (const [chain, ...rule] of this.rules()) {
      if (await this.has(chain, rule)) continue;
      const res = await runCommand(this.iptables, ['-w', '-I', chain, '1', ...rule], { timeoutMs: 10_000 });
      if (res.code !== 0)
        throw new BuildIsolationError(
          `Could not add the build firewall rule "${chain} ${rule.join(' ')}": ${res.stderr.trim() || `iptables exited with ${res.code}`}`,
        );
    }
    this.checkedAt = Date.now();
  }

  /** Throws unless every rule is in place; a recent check is trusted for a while. */
  async verify(maxAgeMs = 30_000): Promise<void> {
    if (Date.now() - this.checkedAt < maxAgeMs) return;
    const missing: string[] = [];
    for (const [chain, ...rule] of this.rules()) if (!(await this.has(chain, rule))) missing.push(`${chain} ${rule.join(' ')}`);
    if (missing.length > 0) {
      throw new BuildIsolationError(
        `Build isolation is not in place, so no build runs: ${missing.length} firewall rule(s) of the build network are missing (first: "${missing[0]}"). Restart the worker to install them, or see the README's Security section.`,
      );
    }
    this.checkedAt = Date.now();
  }

  private async has(chain: string, rule: string[]): Promise<boolean> {
    const res = await runCommand(this.iptables, ['-w', '-C', chain, ...rule], { timeoutMs: 10_000 }).catch(() => ({ code: 1 }));
    return res.code === 0;
  }
}
