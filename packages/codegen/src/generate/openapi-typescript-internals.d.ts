// openapi-typescript's transform and helpers, imported from their own modules (its package exports `./*`)
// so that generating does not load the Redocly bundler and linter its index pulls in; see openapi-types.ts.
declare module "openapi-typescript/dist/transform/index.js" {
  const transformSchema: typeof import("openapi-typescript").transformSchema;
  export default transformSchema;
}

declare module "openapi-typescript/dist/lib/utils.js" {
  export const scanDiscriminators: typeof import("openapi-typescript").scanDiscriminators;
  export const resolveRef: typeof import("openapi-typescript").resolveRef;
}
