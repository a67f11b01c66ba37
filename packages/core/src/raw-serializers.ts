/**
 * openapi-fetch's serializers, which only a whole client's raw calls use: raw.ts imports this module on the
 * first raw call, so composed clients and generated methods never load openapi-fetch. A module of our own
 * rather than `import("openapi-fetch")` itself, so a bundler that inlines it keeps these two functions, not
 * all of openapi-fetch (a whole-client app bundled 1.8 KB more gzipped that way).
 */
export { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
