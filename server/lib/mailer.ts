import type { Logger } from "./logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail, or reports that it cannot (no SMTP_URL): the caller then leaves it in the outbox. */
export interface Mailer {
  readonly enabled: boolean;
  send(mail: Mail): Promise<void>;
}

export const noMailer: Mailer = {
  enabled: false,
  async send() {
    throw new Error("No SMTP_URL is set, so email is not sent.");
  },
};

export async function createMailer(
  smtpUrl: string | undefined,
  from: string,
  logger: Logger,
): Promise<Mailer> {
  if (!smtpUrl) return noMailer;
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(smtpUrl);
  return {
    enabled: true,
    async send(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      // Subjects name the child and the address is a guardian's: the log keeps neither.
      logger.info({ messageId: info.messageId }, "email sent");
    },
  };
}
