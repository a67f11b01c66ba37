export type { Middleware } from "openapi-fetch";
export type { Credentials } from "./auth.js";
export {
  type ClientOptions,
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
} from "./client.js";
export {
  ConfigurationError,
  describeErrorBody,
  type ErrorKind,
  kindOfStatus,
  SwitchboardError,
} from "./errors.js";
export type * from "./types.js";
