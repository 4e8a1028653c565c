/** A one-off message carried to the next page ("Your event is created"), shown once. */
import { useState } from "react";

let pending: string | null = null;

export function setFlash(message: string) {
  pending = message;
}

/** The message left by the previous page, if any; reading it clears it. */
export function useFlash(): string | null {
  const [message] = useState(() => {
    const m = pending;
    pending = null;
    return m;
  });
  return message;
}
