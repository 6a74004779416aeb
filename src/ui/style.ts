// The colour functions rendering uses; plain identity functions when colour is off
// (ui/terminal.ts decides which, per stream).

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
