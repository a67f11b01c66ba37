// The public surface of @switchboard/telnyx. Everything under ./generated is written by `npm run generate`;
// hand-written additions belong in ./lib and are exported from here.
import { provider } from "./generated/provider.js";

export * from "./generated/client.js";

/** The spec this package was generated from: the bundled spec's sha256, the provider's version, the vendoring date. */
export const specInfo = provider.spec;
