/**
 * The dev server's reloads, one at a time: files that change while one runs are gathered into
 * the next. A save often arrives as two events (truncate, then write); when every file named
 * still holds the text the last load read, the second needs no reload (and the browser is not
 * reloaded twice). A file read half-written differs, so it is loaded again.
 */
export interface ReloadQueue {
  /** Queues a reload for a changed file (relative to the content folder); resolves when it ran. */
  changed(relative: string): Promise<void>;
}

export function reloadQueue(
  reload: (changed: string[]) => Promise<void>,
  unchanged: (relative: string) => boolean,
  /** A running first load: reloads wait for it. */
  first: Promise<void> = Promise.resolve(),
): ReloadQueue {
  const dirty = new Set<string>();
  // The chain goes on after a failed reload; the caller of `changed` sees the failure.
  let tail = first.catch(() => undefined);
  let next: Promise<void> | undefined;
  return {
    changed(relative) {
      dirty.add(relative);
      if (!next) {
        next = tail.then(async () => {
          next = undefined;
          const files = [...dirty];
          dirty.clear();
          if (!files.every(unchanged)) await reload(files);
        });
        tail = next.catch(() => undefined);
      }
      return next;
    },
  };
}
