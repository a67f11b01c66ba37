export {
  type ContractCase,
  type DerivedContract,
  deriveContractCases,
  type SkippedResponse,
} from "./cases.js";
export { pathCredentialValues } from "./credentials.js";
export {
  describeDefect,
  type OverlayAction,
  type SpecDefect,
  specDefects,
  type Violation,
  violationsOf,
} from "./defects.js";
export { HTTP_METHODS, type HttpMethod } from "./openapi.js";
export { type MockServer, MockStartError, type StartMockOptions, startMock, startMocks } from "./prism.js";
export { type SampleOptions, sampleFromSchema } from "./sample.js";
export * from "./verify.js";
export {
  createWebhookSender,
  type DeliverOptions,
  type Delivery,
  generateWebhookKeyPair,
  type SignedWebhook,
  WebhookDeliveryError,
  type WebhookKeyPair,
  type WebhookSender,
  type WebhookSenderOptions,
} from "./webhook-sender.js";
