/** Sets the browser tab's title: "Page · Hack Manchester Junior". */
import { useEffect } from "react";

export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Hack Manchester Junior` : "Hack Manchester Junior";
  }, [title]);
}
