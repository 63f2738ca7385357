// Replaces every secret value of an app (secret env vars, the git token) with *** in log text.
// A multi-line secret (a PEM key) is masked line by line, since logs are stored line by line.
// Values shorter than MIN_SECRET_LENGTH are not masked: hiding every "1" or "on" would destroy
// the log without protecting anything.

export const MASK = '***';
export const MIN_SECRET_LENGTH = 4;

export class SecretMasker {
  private readonly secrets: string[];

  constructor(values: Iterable<string | null | undefined>) {
    const parts = new Set<string>();
    for (const v of values) {
      if (!v) continue;
      for (const part of v.split(/\r?\n/)) {
        const p = part.trim();
        if (p.length >= MIN_SECRET_LENGTH) parts.add(p);
      }
    }
    // longest first, so a secret that contains another is masked whole
    this.secrets = [...parts].sort((a, b) => b.length - a.length);
  }

  static readonly none = new SecretMasker([]);

  /** The longest secret: text further than this from a cut can no longer hold a partial secret. */
  get longest(): number {
    return this.secrets[0]?.length ?? 0;
  }

  mask(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }
}
