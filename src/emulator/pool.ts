// Warm instances per function: reuse an idle one, start another under concurrency (up to a
// limit, then wait), replace dead or outdated ones, stop idle ones after a while.
import { Instance, type InstanceOptions } from './instance.js';

export interface PoolLimits {
  maxPerFunction: number;
  idleMs: number;
}

export interface PoolRequest extends InstanceOptions {
  /** `service/function` (FC 2.0) or the FC 3.0 function name: instances are shared per function. */
  key: string;
}

export class InstancePool {
  private readonly byKey = new Map<string, Instance[]>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly limits: PoolLimits,
    private readonly createInstance: (options: InstanceOptions) => Instance = (options) => new Instance(options),
  ) {}

  /** An instance reserved for one invocation; give it back with `release`. */
  async acquire(request: PoolRequest): Promise<Instance> {
    for (;;) {
      if (this.closed) throw new Error('the emulator is shutting down');
      const list = this.list(request.key);
      for (const instance of [...list]) {
        if (!instance.busy && instance.generation !== request.generation) this.remove(request.key, instance);
      }
      const idle = list.find((i) => !i.busy && i.alive && !i.retiring);
      if (idle) {
        this.reserve(idle);
        return idle;
      }
      if (list.length < this.limits.maxPerFunction) return this.start(request);
      await new Promise<void>((resolve) => this.waitersOf(request.key).push(resolve));
    }
  }

  /** Returns an instance after its invocation (including a streamed body) has finished. */
  release(key: string, instance: Instance): void {
    instance.busy = false;
    if (this.closed || !instance.alive || instance.retiring) {
      this.remove(key, instance);
      return;
    }
    const timer = setTimeout(() => this.remove(key, instance), this.limits.idleMs);
    timer.unref();
    this.idleTimers.set(instance, timer);
    this.wakeOne(key);
  }

  /** Functions with at least one live instance, and how many. */
  counts(): Map<string, number> {
    return new Map([...this.byKey].map(([key, list]) => [key, list.length]));
  }

  /** Kills every instance and waits for the processes to end. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.byKey.values()].flat();
    for (const instance of all) instance.kill();
    for (const waiters of this.waiters.values()) for (const wake of waiters.splice(0)) wake();
    await Promise.all(all.map((i) => i.exited));
  }

  private async start(request: PoolRequest): Promise<Instance> {
    const instance = this.createInstance(request);
    instance.busy = true;
    instance.onExit = () => this.remove(request.key, instance);
    this.list(request.key).push(instance);
    try {
      await instance.ready;
    } catch (error) {
      this.remove(request.key, instance);
      throw error;
    }
    return instance;
  }

  private reserve(instance: Instance): void {
    instance.busy = true;
    clearTimeout(this.idleTimers.get(instance));
    this.idleTimers.delete(instance);
  }

  private remove(key: string, instance: Instance): void {
    clearTimeout(this.idleTimers.get(instance));
    this.idleTimers.delete(instance);
    instance.kill();
    const list = this.byKey.get(key);
    const index = list?.indexOf(instance) ?? -1;
    if (list && index !== -1) {
      list.splice(index, 1);
      if (list.length === 0) this.byKey.delete(key);
      this.wakeOne(key);
    }
  }

  private list(key: string): Instance[] {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    return list;
  }

  private waitersOf(key: string): (() => void)[] {
    let list = this.waiters.get(key);
    if (!list) this.waiters.set(key, (list = []));
    return list;
  }

  private wakeOne(key: string): void {
    this.waiters.get(key)?.shift()?.();
  }
}
