// Runtime logs of Kubernetes apps: each running release pod's app container, followed through
// the pod log API with timestamps. The API merges stdout and stderr into one stream, so every
// line is reported as stdout. Its sinceTime keeps whole seconds: the line numbering skips what
// was stored before (LineNumbering drops lines older than the resume point). Events of pods and
// autoscalers: kubernetes-engine-events.ts.
import type { KubernetesAdapter } from '@paas/activities';
import { parseTimed, type TimedLine } from './log-frames.js';
import { logFollowOf, type LogFollow, type RuntimeInstance, type RuntimeLogSource } from './runtime-source.js';

export class KubernetesRuntimeSource implements RuntimeLogSource {
  constructor(private readonly kube: KubernetesAdapter) {}

  async running(): Promise<RuntimeInstance[]> {
    const pods = await this.kube.runningReleasePods();
    return pods.flatMap((p) => {
      const labels = p.metadata?.labels ?? {};
      const uid = p.metadata?.uid;
      if (!uid || !labels['dev.paas.app'] || !p.metadata?.name || !p.metadata.namespace) return [];
      return [
        {
          id: `k8s:${uid}`,
          name: p.metadata.name,
          namespace: p.metadata.namespace,
          appId: labels['dev.paas.app'],
          deploymentId: labels['dev.paas.deployment'] ?? null,
        },
      ];
    });
  }

  async follow(instance: RuntimeInstance, sinceNs: string | null): Promise<LogFollow> {
    const sinceTime = sinceNs ? new Date(Number(BigInt(sinceNs) / 1_000_000n)).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
    const { stream, abort } = await this.kube.followPodLog(instance.namespace!, instance.name, sinceTime);
    const lines = new TextLines();
    return logFollowOf(
      stream,
      (chunk) => lines.push(chunk),
      () => {
        abort();
        stream.destroy();
      },
    );
  }
}

/** Text lines "<timestamp> <line>\n" split across chunks; a partial line waits for its end (at most 64 KB). */
export class TextLines {
  private pending = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Buffer): TimedLine[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    if (this.pending.length > 64 * 1024) (parts.push(this.pending), (this.pending = ''));
    return parts.flatMap((p) => parseTimed(p, 'stdout') ?? []);
  }
}

/** Instances of both runtimes; each followed by the runtime it runs on. */
export class CombinedRuntimeSource implements RuntimeLogSource {
  constructor(
    private readonly docker: RuntimeLogSource,
    private readonly kube: RuntimeLogSource,
    private readonly log: (line: string) => void,
  ) {}

  async running(): Promise<RuntimeInstance[]> {
    const [d, k] = await Promise.all([
      this.docker.running(),
      this.kube.running().catch((err: Error) => {
        this.log(`runtime logs: cannot list Kubernetes pods (${err.message})`);
        return [];
      }),
    ]);
    return [...d, ...k];
  }

  follow(instance: RuntimeInstance, sinceNs: string | null): Promise<LogFollow> {
    return instance.namespace ? this.kube.follow(instance, sinceNs) : this.docker.follow(instance, sinceNs);
  }
}
