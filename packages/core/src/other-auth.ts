/**
 * Operations whose security requirement is not the one the client sends by default: App Center's API-token
 * endpoints take HTTP Basic where its other operations take an API key, Square's OAuth endpoints take the
 * application's secret where the rest take an access token. Their rows say `auth: otherAuth(provider, i)`,
 * which sends the credentials of the provider's `otherAuth[i]` instead. A module of its own, imported only by
 * such rows, so an app that calls none of them bundles none of it.
 *
 * `optional`: the operation's security also lists `{}`, which asks for nothing (Telnyx's OAuth token
 * endpoint), so a client without the requirement's credentials sends none rather than failing the call.
 */
import { authorize, redactor } from "./auth.js";
import type { Authorizer, ProviderDefinition } from "./contract.js";
import { ConfigurationError } from "./errors.js";
import { type ClientState, type RequestAuth, withCredentials } from "./request.js";

export function otherAuth(
  provider: ProviderDefinition,
  index: number,
  { optional = false }: { readonly optional?: boolean } = {},
): Authorizer {
  const schemes = provider.otherAuth?.[index];
  if (!schemes) throw new TypeError(`${provider.title}: no security requirement otherAuth[${index}]`);
  const needed = [
    ...new Set(
      schemes.flatMap((scheme) =>
        scheme.type === "basic" ? [scheme.username, scheme.password] : [scheme.credential],
      ),
    ),
  ];
  // Worked out on a client's first call of such an operation, then kept for it.
  const byClient = new WeakMap<ClientState, RequestAuth>();
  return (state, operation) => {
    const known = byClient.get(state);
    if (known) return known;
    // Its credentials are optional when the client is made (most operations need none of them), so a call
    // that needs one the client was not given fails here, as making the client would have.
    const absent = needed.filter((name) => !(name in state.credentials));
    if (absent.length > 0 && optional) return state.anonymous;
    if (absent.length > 0) {
      const named = absent.map((name) => `\`${name}\` (or ${provider.credentials[name]?.env})`);
      throw new ConfigurationError(
        `${provider.title}: missing ${named.join(" and ")}, which ${operation} sends`,
      );
    }
    const credentials = authorize({ ...provider, auth: schemes }, state.credentials);
    const auth = {
      headers: withCredentials(credentials.headers, state.anonymous.headers),
      authQuery: credentials.query,
    };
    // The credentials themselves are redacted already; a value derived from them (the base64 of
    // `Basic …`) is new, and a server may echo it back in an error body too.
    const redactDerived = redactor(Object.values(credentials.headers), {});
    const redact = state.redact;
    state.redact = (text) => redactDerived(redact(text));
    byClient.set(state, auth);
    return auth;
  };
}
