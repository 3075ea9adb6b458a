// The map modules' one frame loop: whatever changed reaches the map at most once per animation
// frame, however many live batches or timers asked for it. A change that finds the current frame
// not yet used is handed over at once (after the batch that made it, in a microtask) rather than a
// frame later: with software rendering a frame can take hundreds of milliseconds, and waiting for
// the next one would add all of that to every fix's way to the screen.

/** A task returns true to run again next frame (an animation still going). */
export type FrameTask = (now: number) => boolean | void;

export class FrameScheduler {
  private queue = new Set<FrameTask>();
  private handle = 0;
  /** No task has run since the last animation frame began. */
  private frameFree = true;
  private microtask = false;
  private disposed = false;

  request(task: FrameTask): void {
    if (this.disposed) return;
    this.queue.add(task);
    if (this.frameFree) {
      if (!this.microtask) {
        this.microtask = true;
        queueMicrotask(this.runNow);
      }
    } else this.nextFrame();
  }

  cancel(task: FrameTask): void {
    this.queue.delete(task);
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.handle);
    this.queue.clear();
  }

  private nextFrame(): void {
    if (!this.handle && !this.disposed) this.handle = requestAnimationFrame(this.onFrame);
  }

  private runNow = (): void => {
    this.microtask = false;
    if (this.disposed || !this.queue.size) return;
    if (!this.frameFree) return this.nextFrame();
    this.runTasks(performance.now());
  };

  private onFrame = (now: number): void => {
    this.handle = 0;
    this.frameFree = true;
    if (this.queue.size) this.runTasks(now);
  };

  private runTasks(now: number): void {
    this.frameFree = false;
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
    // The next frame frees the token again, and runs what is left.
    this.nextFrame();
  }
}
