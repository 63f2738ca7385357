// Everything a build needs to be untrusted code: the isolated build network and its firewall,
// a cgroup with the build's limits, and the Dockerfile policy. Set up lazily and idempotently
// before each build, so a worker on a fresh host (or after the rules were flushed) repairs it.
import { ApplicationFailure } from '@temporalio/activity';
import { LABELS } from '@paas/contracts';
import { lookup } from 'node:dns/promises';
import type { DockerAdapter } from '../docker/docker.adapter.js';
import type { BuildSettings } from '../settings.js';
import { isNonPublicAddress } from '@paas/outbound';
import { BuildFirewall, BuildIsolationError } from './build-firewall.js';
import { DockerfilePolicyError, checkDockerfile, type PolicyContext } from './dockerfile-policy.js';

export class BuildSandbox {
  constructor(
    private readonly docker: DockerAdapter,
    readonly settings: BuildSettings,
    private readonly registry: string,
    private readonly firewall = new BuildFirewall(),
  ) {}

  /** The build network exists and, unless the operator keeps the rules, its firewall is in place. */
  async ensure(): Promise<void> {
    try {
      await this.docker.ensureBuildNetwork(this.settings.network, this.firewall.bridge, { [LABELS.managed]: 'true' });
      if (this.settings.firewall === 'external') return;
      try {
        await this.firewall.verify();
      } catch {
        await this.firewall.install();
        await this.firewall.verify(0);
      }
    } catch (err) {
      const message = err instanceof BuildIsolationError ? err.message : `Build isolation could not be set up, so no build runs: ${(err as Error).message}`;
      throw ApplicationFailure.nonRetryable(message, 'BuildIsolation');
    }
  }

  /** Refuses a Dockerfile that would make the engine fetch from the host or the private network. */
  async checkDockerfile(text: string, appId: string): Promise<void> {
    const ctx: PolicyContext = {
      appId,
      registry: this.registry,
      inspectImage: async (ref) => {
        const image = await this.docker.localImage(ref);
        return { exists: image.exists, appId: image.labels[LABELS.app], onBuild: image.onBuild };
      },
      resolvesToNonPublic: async (host) => {
        const addresses = await lookup(host, { all: true }).catch(() => []);
        return addresses.some((a) => isNonPublicAddress(a.address));
      },
    };
    try {
      await checkDockerfile(text, ctx);
    } catch (err) {
      if (err instanceof DockerfilePolicyError) throw ApplicationFailure.nonRetryable(`Build refused: ${err.message}`, 'BuildRefused');
      throw err;
    }
  }
}
