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
