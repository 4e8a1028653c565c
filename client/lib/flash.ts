/** A one-off message carried to the next page ("Your event is created"), shown once. */
import { useEffect, useState } from "react";

let pending: string | null = null;

export function setFlash(message: string) {
  pending = message;
}

/**
 * The message left by the previous page, if any. It is cleared once the page that shows it
 * is on screen, not while rendering: a render React throws away (a lazily loaded page still
 * arriving) must not use it up.
 */
export function useFlash(): string | null {
  const [message] = useState(() => pending);
  useEffect(() => {
    if (message !== null && pending === message) pending = null;
  }, [message]);
  return message;
}
