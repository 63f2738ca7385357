// Process-level helpers shared by the gateway and worker processes.
/** When PAAS_PARENT_PID is set (by the stack), shut down once that process is gone. */
export function exitWithParent(shutdown: () => void, env: NodeJS.ProcessEnv = process.env): void {
  const parent = Number(env.PAAS_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      shutdown();
    }
  }, 1000);
  timer.unref();
}
