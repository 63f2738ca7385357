// Parses the engine's log stream of a container without a TTY: frames of an 8-byte header
// (stream 1 = stdout, 2 = stderr; payload length, big-endian) and a payload, each payload one
// line prefixed by its RFC 3339 timestamp with nanoseconds (timestamps=true). Chunks may split
// frames anywhere; bytes are kept until the frame is whole.

export interface TimedLine {
  stream: 'stdout' | 'stderr';
  /** Nanoseconds since the epoch, as a decimal string. */
  tsNs: string;
  line: string;
}

/** Lines longer than this are cut (the engine splits at 16 KB anyway). */
export const MAX_LINE_CHARS = 16 * 1024;

export class LogFrameParser {
  private pending: Buffer = Buffer.alloc(0);

  /** The whole lines in this chunk and the ones before it. */
  push(chunk: Buffer): TimedLine[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: TimedLine[] = [];
    let i = 0;
    while (i + 8 <= this.pending.length) {
      const type = this.pending[i];
      const size = this.pending.readUInt32BE(i + 4);
      if (i + 8 + size > this.pending.length) break;
      const payload = this.pending.subarray(i + 8, i + 8 + size).toString('utf8');
      i += 8 + size;
      if (type !== 1 && type !== 2) continue; // stdin (0) or not a frame header: never a line
      for (const part of payload.split('\n')) {
        const line = parseTimed(part, type === 2 ? 'stderr' : 'stdout');
        if (line) out.push(line);
      }
    }
    this.pending = this.pending.subarray(i);
    return out;
  }
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z ?/;

export function parseTimed(part: string, stream: 'stdout' | 'stderr'): TimedLine | null {
  const m = TIMESTAMP.exec(part);
  if (!m) return null;
  const seconds = Date.parse(`${m[1]}Z`) / 1000;
  if (!Number.isFinite(seconds)) return null;
  const tsNs = (BigInt(seconds) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'))).toString();
  let line = part.slice(m[0].length).replace(/\r$/, '');
  if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} characters]`;
  return { stream, tsNs, line };
}

/** Docker's `since` for a nanosecond timestamp: "seconds.nanoseconds". */
export function dockerSince(tsNs: string): string {
  const ns = BigInt(tsNs);
  return `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/**
 * Numbers the lines of one container so that reading it again from a stored position gives the
 * same (tsNs, ord) pairs: lines of equal timestamp are numbered 0, 1, 2… in order, and the first
 * `alreadyStored` lines at the resume timestamp are skipped (Docker's `since` is inclusive).
 */
export class LineNumbering {
  private ts: bigint;
  private nextOrd: number;
  private skip: number;

  constructor(resume: { tsNs: string; linesAtTs: number } | null) {
    this.ts = resume ? BigInt(resume.tsNs) : -1n;
    this.nextOrd = resume?.linesAtTs ?? 0;
    this.skip = resume?.linesAtTs ?? 0;
  }

  /** The line's ordinal, or null when it was stored before (or goes back in time). */
  number(tsNs: string): number | null {
    const ts = BigInt(tsNs);
    if (ts < this.ts) return null;
    if (ts > this.ts) {
      this.ts = ts;
      this.nextOrd = 1;
      this.skip = 0;
      return 0;
    }
    if (this.skip > 0) {
      this.skip--;
      return null;
    }
    return this.nextOrd++;
  }
}
