import type { Server as HttpServer } from "node:http";
import { isIP } from "node:net";
import { hostname, networkInterfaces } from "node:os";

/** Whether an address or host name reaches only this computer. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h === "::1" ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(h)
  );
}

/** This computer's IPv4 addresses other than loopback: the ones phones on the venue wifi use. */
export function lanIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a!.address);
}

/** Every address of this computer, loopback included. */
function ownIps(): Set<string> {
  const ips = new Set<string>();
  for (const a of Object.values(networkInterfaces()).flat())
    if (a) ips.add(a.address.toLowerCase().split("%")[0]!);
  return ips;
}

/** The host name of a Host header: without the port and brackets, lower case. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") === -1 ? undefined : h.indexOf("]"));
  return h.replace(/:\d*$/, "").replace(/\.$/, "");
}

export interface Addresses {
  /**
   * Origins this app can be reached at, as "http://192.168.1.20:3000": the venue wifi's
   * first, then this computer's own (localhost). Read when asked, so a laptop that joins a
   * network after starting offers its new address.
   */
  origins(): string[];
  /** Whether a Host header names this app (so a page from another site cannot reach it by rebinding its name to our address). */
  knowsHost(host: string | undefined): boolean;
}

const CACHE_MS = 5_000;
const LOCAL_SUFFIXES = [".local", ".lan", ".home", ".internal", ".localdomain", ".home.arpa"];

/** The addresses of an HTTP server once it listens; PUBLIC_URL's host is known too. */
export function serverAddresses(server: HttpServer, publicUrl?: string): Addresses {
  const publicHost = publicUrl ? new URL(publicUrl).hostname.toLowerCase() : null;
  const machine = hostname().toLowerCase();
  const machineLabel = machine.split(".")[0]!;
  let cached: { at: number; ips: Set<string>; lan: string[] } | null = null;
  const interfaces = () => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, ips: ownIps(), lan: lanIPv4() };
    return cached;
  };
  return {
    origins() {
      const address = server.address();
      if (!address || typeof address === "string") return [];
      const { port } = address;
      const bound = address.address.toLowerCase();
      if (bound === "0.0.0.0" || bound === "::") {
        return [
          ...interfaces().lan.map((ip) => `http://${ip}:${port}`),
          `http://localhost:${port}`,
        ];
      }
      const own = `http://${isIP(bound) === 6 ? `[${bound}]` : bound}:${port}`;
      return bound === "127.0.0.1" ? [own, `http://localhost:${port}`] : [own];
    },
    knowsHost(host) {
      // HTTP/1.0 clients may send no Host; a browser always does.
      if (host === undefined) return true;
      const name = hostnameOf(host);
      if (!name) return false;
      if (isLoopback(name) || name === publicHost) return true;
      if (isIP(name)) return interfaces().ips.has(name);
      // The computer's own name, bare or with a local network's suffix (laptop.local, laptop.lan).
      return (
        name === machine ||
        name === machineLabel ||
        LOCAL_SUFFIXES.some((suffix) => name === `${machineLabel}${suffix}`)
      );
    },
  };
}
