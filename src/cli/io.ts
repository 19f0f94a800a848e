/**
 * Where the CLI writes and which folder relative paths are printed against. Tests pass their
 * own to capture output; the real CLI uses the process's streams.
 */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /**
   * The process ends with the command (the real CLI, not a test calling it): a build stops V8
   * optimising code once its pages and files are made (build/optimising.ts).
   */
  processEnds?: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    processEnds: true,
  };
}

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, contentErrors: 1, usage: 2 } as const;
