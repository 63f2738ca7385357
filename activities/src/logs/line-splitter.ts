// Splits a stream of output chunks into lines with bounded memory. A line longer than
// maxLineChars is cut there with a marker and the rest of it is counted, not kept, so one
// 200 MB line costs no more memory than one short one. Secrets are masked before the cut,
// so a cut never leaves part of a secret visible.
import { SecretMasker } from './secret-masker.js';

export interface SplitLine {
  line: string;
  /** Characters of this line that were dropped past the cap. */
  dropped: number;
}

export class LineSplitter {
  private partial = '';
  /** Past the cap: the rest of the current line is counted until its newline. */
  private dropping = false;
  private dropped = 0;

  constructor(
    private readonly maxLineChars: number,
    private readonly masker: SecretMasker = SecretMasker.none,
  ) {}

  /** Returns the complete lines in `text` (and any line that reached the cap). */
  push(text: string): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      this.take(text, start, end);
      if (nl < 0) break;
      out.push(this.finishLine());
      start = nl + 1;
    }
    return out;
  }

  /** Adds text[from, to) (no newline in it) to the current line, never holding more than the cap needs. */
  private take(text: string, from: number, to: number): void {
    let i = from;
    // a secret's length beyond the cap is kept, so one that straddles the cap is masked whole
    const limit = this.maxLineChars + this.masker.longest;
    while (i < to && !this.dropping) {
      const n = Math.min(to - i, limit - this.partial.length);
      this.partial += text.slice(i, i + n);
      i += n;
      if (this.partial.length < limit) continue;
      this.partial = this.masker.mask(this.partial); // masking may shorten it: then there is room again
      if (this.partial.length > this.maxLineChars || (this.partial.length === this.maxLineChars && i < to)) {
        this.dropped = this.partial.length - this.maxLineChars;
        this.partial = this.partial.slice(0, this.maxLineChars);
        this.dropping = true;
      }
    }
    if (this.dropping) this.dropped += to - i;
  }

  /** The unterminated rest, at the end of the stream. */
  end(): SplitLine[] {
    return this.partial || this.dropping ? [this.finishLine()] : [];
  }

  private finishLine(): SplitLine {
    let line = this.masker.mask(this.partial.replace(/\r$/, ''));
    let dropped = this.dropped;
    if (line.length > this.maxLineChars) {
      dropped += line.length - this.maxLineChars;
      line = line.slice(0, this.maxLineChars);
    }
    this.partial = '';
    this.dropping = false;
    this.dropped = 0;
    return { line: dropped > 0 ? `${line} [line cut: ${dropped} more characters]` : line, dropped };
  }
}
