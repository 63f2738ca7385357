// The OCI registry's HTTP API (distribution v2): deleting a manifest by digest, and a ping.
export class RegistryAdapter {
  constructor(private readonly address: string) {}

  /** `<registry>/<repo>@sha256:…` → deleted; absent is fine. */
  async deleteManifest(imageRef: string): Promise<void> {
    const at = imageRef.lastIndexOf('@');
    const name = imageRef.slice(this.address.length + 1, at);
    const digest = imageRef.slice(at + 1);
    if (!imageRef.startsWith(`${this.address}/`) || !/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`not an image of this registry: ${imageRef}`);
    const res = await fetch(`http://${this.address}/v2/${name}/manifests/${digest}`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    if (res.status !== 202 && res.status !== 404) throw new Error(`registry refused to delete ${imageRef}: HTTP ${res.status}`);
  }

  /** The API root answers 200 (no auth on the platform's registry). */
  async ping(): Promise<void> {
    const res = await fetch(`http://${this.address}/v2/`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`registry answered HTTP ${res.status}`);
  }
}
