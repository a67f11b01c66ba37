export {
  type ContractCase,
  type DerivedContract,
  deriveContractCases,
  type SkippedResponse,
} from "./cases.js";
export { type OpenApiLike, pathCredentialValues, placeholderCredentialEnv } from "./credentials.js";
export {
  describeDefect,
  type OverlayAction,
  type PrismViolation,
  type SpecDefect,
  specDefects,
  violationsOf,
} from "./defects.js";
export { OUTSIDE_SPEC_HEADER } from "./kit/answers.js";
export type { Violation } from "./kit/check.js";
export type { InvalidRequests } from "./kit/engine.js";
export { createMock, type Mock, type MockOptions, MockVerificationError } from "./kit/mock.js";
export { mswHandlers } from "./kit/msw.js";
export type {
  BodyReply,
  CallOf,
  DocumentedStatus,
  InputOf,
  MockCall,
  MockResponse,
  OperationKey,
  OperationName,
  OperationScenario,
  PatchReply,
  ProviderModule,
  ReplyBody,
  ReplyInit,
  RequestBodyOf,
  SequenceStep,
  UncheckedReply,
} from "./kit/types.js";
export { HTTP_METHODS, type HttpMethod } from "./openapi.js";
export {
  type MockServer,
  MockStartError,
  type PartlyStartedMocks,
  type StartedMocks,
  type StartMockOptions,
  startMock,
  startMocks,
} from "./prism.js";
export { type SampleOptions, sampleFromSchema } from "./sample.js";
export * from "./verify.js";
export {
  type BodyFormat,
  createWebhookSender,
  type DeliverOptions,
  type Delivery,
  type EventOptions,
  generateWebhookKeyPair,
  type SignedWebhook,
  type SignOptions,
  WebhookDeliveryError,
  type WebhookKeyPair,
  type WebhookSender,
  type WebhookSenderOptions,
} from "./webhook-sender.js";
