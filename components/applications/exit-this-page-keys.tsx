"use client";
import { useEffect } from "react";

/** GOV.UK's shortcut: pressing Shift three times in a row leaves the page (with JavaScript only). Typing capitals does not count. */
export function ExitThisPageKeys({ url }: { url: string }) {
  useEffect(() => {
    let presses: number[] = [];
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Shift") {
        presses = [];
        return;
      }
      const now = Date.now();
      presses = [...presses.filter((t) => now - t < 5000), now];
      if (presses.length >= 3) window.location.replace(url);
    };
    window.addEventListener("keyup", onKey);
    return () => window.removeEventListener("keyup", onKey);
  }, [url]);
  return null;
}
