export {
  type ContractCase,
  type DerivedContract,
  deriveContractCases,
  HTTP_METHODS,
  type HttpMethod,
  type SampleOptions,
  type SkippedResponse,
  sampleFromSchema,
} from "./contract.js";
export { type MockServer, MockStartError, type StartMockOptions, startMock, startMocks } from "./prism.js";
export * from "./verify.js";
