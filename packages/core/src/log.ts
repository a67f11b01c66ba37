/**
 * Optional logging, off by default: `SWITCHBOARD_LOG=debug|info|warn|error|off` or the client's `logLevel`.
 * Every line passes through the client's redactor first, so no credential reaches a log.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything console-like; `console` by default. */
export type Logger = Pick<Console, "error" | "warn" | "info" | "debug">;

export type Log = (level: Exclude<LogLevel, "off">, message: string) => void;

const LEVELS: readonly string[] = ["off", "error", "warn", "info", "debug"];

/** `undefined` when logging is off, so the request path pays one `if` for it. */
export function createLog(
  level: string | undefined,
  logger: Logger = console,
  redact: (text: string) => string,
): Log | undefined {
  const max = LEVELS.indexOf(level || "off");
  if (max < 0)
    logger.warn(`[switchboard] unknown log level "${level}" (not ${LEVELS.join("|")}); logging is off`);
  if (max <= 0) return undefined;
  return (at, message) => {
    if (LEVELS.indexOf(at) <= max) logger[at](`[switchboard] ${redact(message)}`);
  };
}
