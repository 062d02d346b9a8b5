import { describe, expect, it } from "vitest";
import { REQUIRED_NODE_MAJOR } from "../../scripts/lib/node-runtime";

// npm test must really run the tests on the Node that npm install put in node_modules/.bin.
describe("runtime", () => {
  it(`runs on Node ${REQUIRED_NODE_MAJOR} or later`, () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
  });
});
