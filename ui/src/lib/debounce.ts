/** A debounced call: `run(x)` waits `ms` after the last call, then calls `fn(x)`. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): { run: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    run: (...args: A) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    },
    cancel: () => clearTimeout(timer),
  };
}
