/** The spec §1 example: one copy for the whole suite, in tests/fixtures/rules/base.ts. */
export { SPEC_EXAMPLE } from "../fixtures/rules/base.js";
