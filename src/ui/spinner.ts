// A spinner on stderr while waiting, only for a person watching: both streams terminals,
// not CI, not NO_COLOR, not --quiet. ora is loaded only then.

export interface Spinner {
  stop(): void;
}

/** The spinner that shows nothing, for when none is wanted. */
export const noSpinner: Spinner = { stop() {} };

export function spinnerWanted(ctx: {
  stdout: { isTTY?: boolean };
  stderr: { isTTY?: boolean; columns?: number };
  env: Readonly<Record<string, string | undefined>>;
}): boolean {
  // A terminal that reports no width (some pseudo-terminals) makes ora redraw forever.
  const width = ctx.stderr.columns ?? 0;
  return Boolean(
    ctx.stdout.isTTY && ctx.stderr.isTTY && width > 0 && !ctx.env.CI && ctx.env.NO_COLOR === undefined && ctx.env.TERM !== 'dumb',
  );
}

export async function startSpinner(text: string, stream: NodeJS.WritableStream, color: boolean): Promise<Spinner> {
  const { default: ora } = await import('ora');
  // discardStdin would put a terminal stdin in raw mode and swallow Ctrl-C.
  const spinner = ora({ text, stream, discardStdin: false, color: color ? 'cyan' : false, isEnabled: true }).start();
  return {
    stop() {
      spinner.stop();
    },
  };
}

