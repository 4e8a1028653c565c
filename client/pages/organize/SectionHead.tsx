import type { ReactNode } from "react";

/** The top of a section: the event's name above the section's own heading. */
export function SectionHead({
  event,
  title,
  children,
}: {
  event: string;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="org-section-head">
      <p className="eyebrow">{event}</p>
      <h1>{title}</h1>
      {children && <div className="lead">{children}</div>}
    </div>
  );
}
