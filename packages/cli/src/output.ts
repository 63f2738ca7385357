// Human output (colours and a spinner on a terminal) or, with --json, machine output only: one JSON
// document on stdout, nothing else there, no colours, no spinner.
import { styleText } from 'node:util';
import ora, { type Ora } from 'ora';

type Style = Parameters<typeof styleText>[0];

export class Output {
  private spinner: Ora | null = null;
  readonly colours: boolean;

  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.colours = !json && stdout.isTTY === true && !process.env.NO_COLOR;
  }

  style(format: Style, text: string): string {
    return this.colours ? styleText(format, text) : text;
  }

  /** A human line on stdout (nothing with --json). */
  line(text = ''): void {
    if (this.json) return;
    this.withoutSpinner(() => this.stdout.write(text + '\n'));
  }

  /** The machine result of a command with --json. */
  result(value: unknown): void {
    if (this.json) this.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }

  /** Progress on stderr: a spinner on a terminal, nothing otherwise. */
  progress(text: string): void {
    if (this.json || !this.stderr.isTTY) return;
    if (this.spinner) this.spinner.text = text;
    else this.spinner = ora({ text, stream: this.stderr }).start();
  }

  stopProgress(): void {
    this.spinner?.stop();
    this.spinner = null;
  }

  /** With --json the error is a JSON document on stderr too: { "error": { "code", "message" } }. */
  error(text: string, code?: string): void {
    this.stopProgress();
    if (this.json) return void this.stderr.write(JSON.stringify({ error: { code: code ?? 'ERROR', message: text } }) + '\n');
    this.stderr.write(`${this.colours ? styleText('red', 'error') : 'error'}: ${text}\n`);
  }

  private withoutSpinner(write: () => void): void {
    if (!this.spinner) return write();
    this.spinner.clear();
    write();
    this.spinner.render();
  }
}
