export * from "./audit";
export * from "./clock";
export * from "./events";
export * from "./judges";
export * from "./judging";
export * from "./submissions";
export * from "./teams";
export * from "./users";
