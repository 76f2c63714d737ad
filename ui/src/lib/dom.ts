/**
 * Scrolls `container` (only it, never the page) so that `el` is at its top or centre.
 * Honours reduced motion.
 */
export function scrollWithin(container: HTMLElement, el: HTMLElement, block: "start" | "center" = "start"): void {
  const c = container.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  let top = container.scrollTop + (r.top - c.top);
  if (block === "center") top -= (container.clientHeight - r.height) / 2;
  else top -= 16;
  const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  if (typeof container.scrollTo === "function") {
    container.scrollTo({ top: Math.max(0, top), behavior: reduce ? "auto" : "smooth" });
  } else {
    container.scrollTop = Math.max(0, top);
  }
}

/**
 * Rows a long list renders at first, and each time its end comes near the view: a few
 * screenfuls (a row is one to three lines), so that a list of thousands, or a speaker's
 * record of a thousand quotes, is on screen without building what nobody has scrolled to.
 */
export const ROWS_AT_A_TIME = 60;

/**
 * A Svelte action for the element after a list's last rendered row: calls `more` when it
 * comes near the view, so a list of thousands renders a screenful at a time. Where the
 * browser cannot tell (no IntersectionObserver), `more` is called at once.
 */
export function whenSeen(node: HTMLElement, more: () => void): { destroy(): void; update(m: () => void): void } {
  let callback = more;
  if (typeof IntersectionObserver === "undefined") {
    callback();
    return { destroy() {}, update: (m) => (callback = m) };
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) callback();
    },
    { rootMargin: "400px" },
  );
  observer.observe(node);
  return {
    destroy: () => observer.disconnect(),
    update: (m) => (callback = m),
  };
}
