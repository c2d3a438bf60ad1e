/**
 * Startup and shutdown from one ordered list: each part is recorded as it starts, and stopping
 * runs the list backwards. A start that fails half-way stops exactly what had started, and a part
 * that fails to stop does not keep the others (the database, the folder lock) open.
 */
export class Lifecycle {
  private readonly parts: Array<{ name: string; stop: () => void | Promise<void> }> = [];
  private stopping: Promise<void> | null = null;

  /** Records how to stop a part that has just started. */
  started(name: string, stop: () => void | Promise<void>): void {
    this.parts.push({ name, stop });
  }

  /** Stops every started part, last first; rejects with the first failure once all have run. */
  stopAll(): Promise<void> {
    this.stopping ??= this.runStops();
    return this.stopping;
  }

  private async runStops(): Promise<void> {
    const failures: string[] = [];
    for (const { name, stop } of this.parts.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`shutdown: ${failures.join('; ')}`);
  }
}
