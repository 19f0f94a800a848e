/**
 * Progress on an interactive terminal for builds that take more than a second: one line,
 * redrawn in place at most ten times a second and cleared at the end. Nothing at all in CI,
 * when output is not a terminal, or with --quiet, so logs only hold results and problems.
 */
import type { CliIO } from './io.js';

export interface Progress {
  update(label: string, done?: number, total?: number): void;
  /** Clears the line if anything was shown. */
  end(): void;
}

export interface ProgressOptions {
  quiet: boolean;
  /** The stream progress goes to (stderr): only a TTY gets progress. */
  stream: { isTTY?: boolean; write(text: string): unknown };
  /** Show nothing until this many milliseconds have passed. */
  delay?: number;
  now?: () => number;
}

export function createProgress(io: CliIO, options: ProgressOptions): Progress {
  const ci = io.env['CI'] !== undefined && io.env['CI'] !== '' && io.env['CI'] !== 'false';
  if (options.quiet || ci || options.stream.isTTY !== true) return { update: () => {}, end: () => {} };
  const now = options.now ?? (() => performance.now());
  const delay = options.delay ?? 1000;
  const start = now();
  let lastDraw = -Infinity;
  let shown = false;
  return {
    update(label, done, total) {
      const t = now();
      if (t - start < delay || (t - lastDraw < 100 && done !== total)) return;
      lastDraw = t;
      shown = true;
      const count = total ? ` ${done ?? 0}/${total}` : '';
      const seconds = ((t - start) / 1000).toFixed(1);
      options.stream.write(`\r\x1b[2K${label}${count}  ${seconds} s`);
    },
    end() {
      if (shown) options.stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
