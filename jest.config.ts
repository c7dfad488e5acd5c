import type { Config } from "jest";

const config: Config = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // The sandbox listens on real sockets; a leaked handle should fail loudly, not hang CI.
  testTimeout: 20_000,
};

export default config;
