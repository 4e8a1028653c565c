// A bare Express server answering a small JSON "hello": the yardstick for the app's public
// reads, measured in the same run on the same machine.
import type { AddressInfo } from "node:net";
import express from "express";

const app = express();
app.get("/hello", (_req, res) => {
  res.json({ hello: "world" });
});
const server = app.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: (server.address() as AddressInfo).port });
});
