export * from "./audit";
export * from "./events";
export * from "./judges";
export * from "./teams";
export * from "./users";
