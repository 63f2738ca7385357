// What the tiers' global setups hand to the tests through vitest's inject(): the whole stack
// (tests/global-setup.ts) or one service (tests/setup/*.global.ts). A module, so that it augments
// vitest's types wherever a test or helper is type-checked.
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    adminToken: string;
    edgePort: number;
    baseDomain: string;
    dataDir: string;
    registry: string;
    temporalAddress: string;
    s3: { endpoint: string; accessKey: string; secretKey: string; bucket: string };
    /** The stack's PostgreSQL, for tests of database-level rules (retention) only. */
    databaseUrl: string;
    /** The test forge (tests/helpers/gitea.ts): its URL and an admin with an access token of every scope. */
    gitea: { url: string; admin: { username: string; password: string; token: string } };
    /** The port a test may serve a stand-in for the GitHub API on: PAAS_OUTBOUND_ALLOW lists 127.0.0.1 on it. */
    fakeGithubPort: number;
    /** Mailpit's HTTP API (tests/helpers/mailpit.ts): the emails the platform sent. */
    mailpitUrl: string;
    /** Loopback ports a test may serve notification receivers on: PAAS_OUTBOUND_ALLOW lists 127.0.0.1 on them. */
    notifyReceiverPorts: number[];
    /** The e2e stack's embedded Kubernetes cluster: its cluster-admin kubeconfig (tests look, never change). */
    kubeconfig: string;
    /** The embedded Kubernetes cluster (tests/setup/kubernetes.global.ts), after a first start, a stop and a second start. */
    kubernetes: {
      kubeconfig: string;
      dataDir: string;
      registry: string;
      podSubnet: string;
      nodeName: string;
      sandboxRuntimes: string[];
      runtimeStateDir: string;
      coldStartMs: number;
      warmStartMs: number;
      firstStart: { createdCa: boolean; ca: string };
      secondStart: { createdCa: boolean };
      /** What the first stop (with a pod running on the bridge) left: mounts, shims, processes, the bridge, NAT rules. */
      afterFirstStop: { mounts: string[]; shims: number; processes: string[]; bridge: boolean; natRules: number };
      /** What the first start left of a killed cluster of another data dir on its pod subnet, and of a live one beside it. */
      planted: Record<
        'dead' | 'live',
        { bridge: boolean; netns: boolean; mounts: number; cgroup: boolean; process: boolean; natRules: number; runtimeDir: boolean }
      >;
      /** A third start after SIGKILL of every cluster process while a pod ran. */
      afterHardKill: {
        startMs: number;
        podBefore: { containerId: string; restarts: number };
        podAfter: { containerId: string; restarts: number };
        /** Shims of pods of the killed run, and how many of them still ran after the third start. */
        shimsBefore: number;
        shimsLeft: number;
      };
    };
  }
}
