// One HTTP GET with a timeout; the answer's status, or the reason there was none.
export interface ProbeResult {
  ok: boolean;
  status?: number;
  error?: string;
}

export async function probeHttp(url: string, timeoutMs = 2000): Promise<ProbeResult> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.arrayBuffer();
    return { ok: res.status >= 200 && res.status < 300, status: res.status };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { ok: false, error: e.cause?.code ?? e.name ?? e.message };
  }
}
