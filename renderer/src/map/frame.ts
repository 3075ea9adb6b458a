// One requestAnimationFrame loop for every map module: whatever changed since the last frame is
// handed to the map once, in the frame, however many live batches or timers asked for it.

/** A task returns true to run again next frame (an animation still going). */
export type FrameTask = (now: number) => boolean | void;

export class FrameScheduler {
  private queue = new Set<FrameTask>();
  private handle = 0;
  private disposed = false;

  request(task: FrameTask): void {
    if (this.disposed) return;
    this.queue.add(task);
    if (!this.handle) this.handle = requestAnimationFrame(this.run);
  }

  cancel(task: FrameTask): void {
    this.queue.delete(task);
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.handle);
    this.queue.clear();
  }

  private run = (now: number): void => {
    this.handle = 0;
    const again = new Set<FrameTask>();
    // Tasks requested while others run (a motion step asking for a source flush) still belong to
    // this frame; a few rounds at most.
    for (let round = 0; this.queue.size && round < 4; round++) {
      const tasks = this.queue;
      this.queue = new Set();
      for (const task of tasks) {
        try {
          if (task(now)) again.add(task);
        } catch (err) {
          console.error('map frame task failed', err); // one module's bug must not freeze the others
        }
      }
    }
    for (const task of again) this.queue.add(task);
    if (this.queue.size && !this.disposed) this.handle = requestAnimationFrame(this.run);
  };
}
