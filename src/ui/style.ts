// The colour functions rendering uses; plain identity functions when colour is off.

export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const identity = (text: string): string => text;

/** No colour at all. */
export const plainStyle: Style = {
  dim: identity,
  bold: identity,
  red: identity,
  yellow: identity,
  green: identity,
  cyan: identity,
};

/**
 * Colour only when the stream is a terminal and NO_COLOR is unset (chalk itself ignores
 * NO_COLOR; the launcher maps it to FORCE_COLOR=0, and this checks both again).
 */
export async function createStyle(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Promise<Style> {
  if (!stream.isTTY || env.NO_COLOR !== undefined || env.FORCE_COLOR === '0' || env.TERM === 'dumb') return plainStyle;
  const { chalkStderr } = await import('chalk');
  if (chalkStderr.level === 0) return plainStyle;
  return chalkStderr;
}
