export type { Middleware } from "openapi-fetch";
export type { Credentials } from "./auth.js";
export {
  type BodyEncoder,
  deepFormBody,
  type EncodedBody,
  formBody,
  jsonBody,
  jsonOrMultipartBody,
  jsonOrRawBody,
  multipartBody,
  rawBody,
  serializeBody,
} from "./body.js";
export {
  type ClientOptions,
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
  type WholeClientOptions,
} from "./client.js";
export {
  type ComposedClient,
  type ComposedMethods,
  composeProviderClient,
  type Endpoint,
  type EndpointMap,
} from "./compose.js";
// The contract with the generator: @switchboard/codegen imports these (types only) rather than redeclaring them.
export type {
  Authorizer,
  AuthScheme,
  CallOptions,
  HttpMethod,
  OperationMeta,
  OperationSpec,
  OperationTable,
  Pager,
  Paging,
  ProviderDefinition,
  QueryStyle,
  QueryWriter,
  ServerVariables,
  WebhookDefinition,
  WebhookSignatureScheme,
} from "./contract.js";
export {
  ConfigurationError,
  describeErrorBody,
  type ErrorKind,
  kindOfStatus,
  SwitchboardError,
} from "./errors.js";
export type { Logger, LogLevel } from "./log.js";
export { otherAuth } from "./other-auth.js";
export { paginate } from "./paginate.js";
export { serializeQuery } from "./query.js";
export type { RawClientOptions } from "./raw.js";
export type { ParseAs } from "./response.js";
export type { AttemptInfo } from "./send.js";
export { withServerVariables } from "./server-variables.js";
export type * from "./types.js";
export { type WebhookFailure, WebhookVerificationError } from "./webhooks/error.js";
export type { RawBody, WebhookHeaders } from "./webhooks/input.js";
export { formatSignature, type SignedFields, signatureHeaders, signedContent } from "./webhooks/scheme.js";
export {
  createWebhookVerifier,
  type NodeRequest,
  type WebhookResult,
  type WebhookVerifier,
  type WebhookVerifierOptions,
  withWebhooks,
} from "./webhooks/verifier.js";
