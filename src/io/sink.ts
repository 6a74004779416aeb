// The shape every result destination has (stdout, an -o file, the --summary-json file).
import type { Readable } from 'node:stream';

/** A destination for one result: written, then committed or aborted. */
export interface OutputSink {
  /** Streams the whole body in; rejects with an OutputWriteError when the destination fails. */
  write(body: Readable | Buffer): Promise<void>;
  /** Makes the result visible (rename for files); never renames an incomplete file into place. */
  commit(): Promise<void>;
  /** Removes anything half-written. */
  abort(): Promise<void>;
  /** The file written, or null for stdout. */
  path: string | null;
  /** The last byte written, or null when nothing was (lets a terminal get a tidy line break). */
  lastByte(): number | null;
}
