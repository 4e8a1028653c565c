import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Runs `server/main.ts` as `npm start` does and waits for it to listen. */
export async function startMain(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", ...env },
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: the target is 6 s, but a busy shared machine has taken over 30.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout.on("data", () => {
      const match = out.match(/On this computer:\s+(http:\/\/\S+)/);
      if (match && out.includes("Ready in")) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return { child, output: () => out, url };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
