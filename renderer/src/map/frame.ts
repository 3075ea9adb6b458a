// The map modules' one frame loop: whatever changed reaches the map at most once per animation
// frame, however many live batches or timers asked for it. A change that finds the current frame
// not yet used is handed over at once (after the batch that made it, in a microtask) rather than a
// frame later: with software rendering a frame can take hundreds of milliseconds, and waiting for
// the next one would add all of that to every fix's way to the screen.

/** One module's pending work for the map (a source flush, a trail redraw). */
export type FrameTask = () => void;

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
    this.runTasks();
  };

  private onFrame = (): void => {
    this.handle = 0;
    this.frameFree = true;
    if (this.queue.size) this.runTasks();
  };

  private runTasks(): void {
    this.frameFree = false;
    const tasks = this.queue;
    this.queue = new Set();
    for (const task of tasks) {
      try {
        task();
      } catch (err) {
        console.error('map frame task failed', err); // one module's bug must not freeze the others
      }
    }
    // The next frame frees the token again, and runs whatever was asked for meanwhile.
    this.nextFrame();
  }
}
