import type { ReactNode } from "react";
import "./TableScroll.css";

/**
 * A wide table's own sideways-scrolling box, so the page itself never scrolls sideways on a
 * phone. It takes keyboard focus, so keyboard users can scroll it with the arrow keys.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={`${label} (scrolls sideways)`} tabIndex={0}>
      {children}
    </section>
  );
}
