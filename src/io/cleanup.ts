// Things to undo however the process ends (temp files): run by the command on success or
// failure and by cli.ts on a signal, so nothing is left behind.

type Task = () => Promise<void> | void;
const tasks = new Set<Task>();

/** Registers a cleanup task; returns a function that unregisters it. */
export function onCleanup(task: Task): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs and forgets every registered task; never throws. */
export async function runCleanup(): Promise<void> {
  const pending = [...tasks];
  tasks.clear();
  await Promise.allSettled(pending.map(async (task) => task()));
}
