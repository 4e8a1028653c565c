import type { LinkBaseView } from "../../shared/api";
import { type Addresses, hostnameOf, isLoopback } from "./addresses";

/**
 * Where the links the app makes (judge invites, guardians' consent links, their QR codes)
 * point: PUBLIC_URL when set, else the organizer's choice among the app's own addresses,
 * else the first venue wifi address it listens on. Never the Host a request names, which
 * anyone can forge.
 */
export class Links {
  private chosen: string | null = null;

  constructor(
    private readonly addresses: Addresses,
    private readonly publicUrl?: string,
  ) {}

  /** Remembers the organizer's choice (null: the default); the caller has stored it. */
  choose(origin: string | null) {
    this.chosen = origin;
  }

  base(): string {
    if (this.publicUrl) return this.publicUrl;
    const choices = this.addresses.origins();
    if (this.chosen && choices.includes(this.chosen)) return this.chosen;
    return choices[0] ?? "http://localhost";
  }

  view(): LinkBaseView {
    const base = this.base();
    return {
      base,
      fixed: Boolean(this.publicUrl),
      choices: this.publicUrl ? [this.publicUrl] : this.addresses.origins(),
      phonesCanOpen: !isLoopback(hostnameOf(new URL(base).host)),
    };
  }
}
