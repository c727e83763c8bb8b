import { jest } from '@jest/globals';

/** The app's log lines kept in memory (a pino destination), plus whatever reaches the console meanwhile. */
export class LogCapture {
  readonly lines: string[] = [];
  private spies: { mockRestore(): void }[] = [];

  /** The pino destination to hand to `startTestApp(…, { logDestination })`. */
  readonly destination = { write: (line: string) => void this.lines.push(line) };

  /** Also keeps what is printed with console.* (TypeORM's and Nest's fallbacks print there). */
  watchConsole(): this {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      this.spies.push(
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void this.lines.push(args.map(String).join(' '))),
      );
    }
    return this;
  }

  restore(): void {
    for (const s of this.spies) s.mockRestore();
    this.spies = [];
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** The secrets that appear in the captured lines (as given or JSON-escaped). */
  leaked(secrets: string[]): string[] {
    const all = this.text();
    return secrets.filter((s) => s.length >= 6 && (all.includes(s) || all.includes(JSON.stringify(s).slice(1, -1))));
  }
}
