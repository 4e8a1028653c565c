/**
 * Shrinks an element's type until its content fits its box, then lets it wrap: a projector's
 * panel shows the whole announcement or prize list, never one cut off with "…". The element's
 * own CSS font size is the largest tried; `minPx` the smallest (below it, the text is clipped
 * rather than unreadable). Measured again when the text or the box's size changes.
 */
import { type RefObject, useLayoutEffect } from "react";

export function useFitText(
  ref: RefObject<HTMLElement | null>,
  content: unknown,
  { minPx = 14 }: { minPx?: number } = {},
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: new content must be measured again.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const shrinkToFit = () => {
      el.style.fontSize = "";
      const max = Number.parseFloat(getComputedStyle(el).fontSize);
      const fits = () =>
        el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;
      if (!Number.isFinite(max) || fits()) return;
      // Binary search between the smallest and the largest size, to a pixel.
      let low = minPx;
      let high = max;
      while (high - low > 0.5) {
        const mid = (low + high) / 2;
        el.style.fontSize = `${mid}px`;
        if (fits()) low = mid;
        else high = mid;
      }
      el.style.fontSize = `${low}px`;
    };
    shrinkToFit();
    const observer = new ResizeObserver(() => shrinkToFit());
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, content, minPx]);
}
