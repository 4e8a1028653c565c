import type { Db } from "../db/client";
import { auditLog } from "../db/schema";

export interface AuditEntry {
  eventId?: string | null;
  actorId?: string | null;
  action: string;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; call it inside the transaction that made the change. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    eventId: entry.eventId ?? null,
    actorId: entry.actorId ?? null,
    action: entry.action,
    details: entry.details ?? {},
  });
}
