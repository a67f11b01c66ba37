// The public surface of @switchboard/synthflow. Everything under ./generated is written by `npm run generate`;
// hand-written additions belong in ./lib and are exported from here.
export * from "./generated/client.js";
