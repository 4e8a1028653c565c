/**
 * Older name for `useQuery` (client/hooks/useQuery.ts), kept while pages move to typed
 * endpoints. New code calls `useQuery(endpoint(...))`, which knows the answer's type.
 */
import { useEffect } from "react";
import type { Endpoint } from "../lib/api";
import { type Query, useQuery } from "./useQuery";

export type Resource<T> = Query<T>;

/** @deprecated Use `useQuery(endpoint(path, params))`: it checks the type against the route. */
export function useApi<T>(path: string): Resource<T> {
  return useQuery(path as Endpoint<T>);
}

/** Sets the browser tab's title: "Page · Hack Manchester Junior". */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Hack Manchester Junior` : "Hack Manchester Junior";
  }, [title]);
}
