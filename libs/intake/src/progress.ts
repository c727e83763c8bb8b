/**
 * Progress of a long load on a terminal: per file (or phase), rows so far and rows/s.
 * On a TTY one status line is redrawn in place; otherwise plain lines, at most one per
 * label every few seconds, plus the final line of each label.
 */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

interface Entry {
  label: string;
  rows: number;
  started: number;
  lastPrinted: number;
  done: boolean;
  /** A later phase (e.g. building indexes): the rate is frozen at its start. */
  phase?: { name: string; rate: number };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export class TerminalProgress {
  private readonly entries = new Map<string, Entry>();
  private lastDraw = 0;
  private lastUpdate: number | null = null;
  private drawn = false;

  constructor(
    private readonly out: ProgressSink = process.stderr,
    private readonly opts: {
      plainEveryMs?: number;
      ttyEveryMs?: number;
      now?: () => number;
      /** One label at a time: a new label finishes the others and starts where the last update left off. */
      sequential?: boolean;
    } = {},
  ) {}

  private now(): number {
    return this.opts.now?.() ?? performance.now();
  }

  private get tty(): boolean {
    return !!this.out.isTTY;
  }

  private describe(e: Entry, now: number): string {
    const seconds = Math.max((now - e.started) / 1000, 1e-3);
    const rate = e.phase ? e.phase.rate : e.rows / seconds;
    return `${e.label}: ${fmt(e.rows)} rows, ${fmt(rate)} rows/s${e.phase ? `, ${e.phase.name} (${seconds.toFixed(0)} s)` : ''}${e.done ? `, ${seconds.toFixed(1)} s` : ''}`;
  }

  /** Starts timing a label now (else it starts at its first update). */
  start(label: string): void {
    const now = this.now();
    this.entries.set(label, { label, rows: 0, started: now, lastPrinted: now, done: false });
  }

  /** Starts (if new) and updates the row count of a label; `phase` names a later step of it. */
  update(label: string, rows: number, phase?: string): void {
    const now = this.now();
    let e = this.entries.get(label);
    if (!e) {
      const started = this.opts.sequential && this.lastUpdate !== null ? this.lastUpdate : now;
      if (this.opts.sequential) for (const other of this.entries.values()) if (!other.done) this.finish(other.label);
      e = { label, rows: 0, started, lastPrinted: now, done: false };
      this.entries.set(label, e);
    }
    if (phase && e.phase?.name !== phase) {
      e.phase = { name: phase, rate: rows / Math.max((now - e.started) / 1000, 1e-3) };
      this.lastDraw = 0; // show the new phase at once
      e.lastPrinted = 0;
    }
    e.rows = rows;
    this.lastUpdate = now;
    if (this.tty) {
      if (now - this.lastDraw >= (this.opts.ttyEveryMs ?? 200)) this.draw(now);
    } else if (now - e.lastPrinted >= (this.opts.plainEveryMs ?? 5000)) {
      e.lastPrinted = now;
      this.out.write(`${this.describe(e, now)}\n`);
    }
  }

  /** Marks a label done and prints its final line (rows and mean rows/s) unless `quiet`. */
  finish(label: string, rows?: number, quiet = false): void {
    const now = this.now();
    const e = this.entries.get(label) ?? { label, rows: 0, started: now, lastPrinted: now, done: false };
    this.entries.set(label, e);
    if (rows !== undefined) e.rows = rows;
    if (e.done) return;
    e.done = true;
    this.clearLine();
    if (!quiet) this.out.write(`${this.describe(e, now)}\n`);
    if (this.tty) this.draw(now);
  }

  /** Writes a whole line (to `to`, stdout by default) without garbling the status line. */
  log(line: string, to: ProgressSink = process.stdout): void {
    this.clearLine();
    to.write(`${line}\n`);
    if (this.tty) this.draw(this.now());
  }

  finishAll(quiet = false): void {
    for (const e of this.entries.values()) if (!e.done) this.finish(e.label, undefined, quiet);
    this.clearLine();
  }

  private clearLine(): void {
    if (this.tty && this.drawn) {
      this.out.write('\r\x1b[K');
      this.drawn = false;
    }
  }

  private draw(now: number): void {
    this.lastDraw = now;
    const active = [...this.entries.values()].filter((e) => !e.done);
    if (!active.length) return;
    const reported = (this.out as { columns?: number }).columns;
    const columns = reported && reported >= 40 ? reported : 120;
    const line = active.map((e) => this.describe(e, now)).join(' | ');
    this.out.write(`\r\x1b[K${line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line}`);
    this.drawn = true;
  }
}
