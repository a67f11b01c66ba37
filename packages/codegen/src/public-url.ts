/**
 * A URL as it may be written down: in a provenance file, a generated `@see` link (which ships in the package),
 * a report line or an error (which land in CI logs). A private documentation site is reached with a token in
 * the query (`llms.txt?token=…`, a presigned `X-Amz-Signature`) or a user and password in the URL; the run
 * fetches with them, and nothing it writes or prints keeps them.
 */

/**
 * Query parameters that carry a credential: any whose name holds one of these words (`token`, `access_token`,
 * `apiKey`, `api-key`, `X-Amz-Signature`, `X-Amz-Credential`, `sig`, `client_secret`, `password`, `auth`).
 * Words of a name, not substrings of a word: `monkey` and `signup` are not credentials.
 */
const SECRET_WORD =
  /(?:^|[^a-z])(?:token|key|secret|password|passwd|pwd|pass|signature|sig|auth|authorization|credential|credentials|session|sessionid|jwt|code)(?:[^a-z]|$)/;

export function isSecretParameter(name: string): boolean {
  // `apiKey`, `accessToken`: a lower-case letter before a capital starts a word.
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return SECRET_WORD.test(words);
}

/**
 * `url` without its user name and password and without the query parameters that carry credentials; the text
 * as it is when it holds neither (or is no absolute URL), so every other URL is written exactly as given.
 */
export function publicUrl(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  const secrets = [...parsed.searchParams.keys()].filter(isSecretParameter);
  if (!parsed.username && !parsed.password && secrets.length === 0) return url;
  parsed.username = "";
  parsed.password = "";
  for (const name of new Set(secrets)) parsed.searchParams.delete(name);
  return parsed.href;
}

/** Every absolute URL in `text` written as `publicUrl` writes it; the rest of the text as it is. */
export function withPublicUrls(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>]+/gi, (match) => {
    // Punctuation closing a sentence or a parenthesis is the text's, not the URL's.
    const [, url = match, tail = ""] = /^(.*?)([.,;:!?)\]}]*)$/s.exec(match) ?? [];
    return publicUrl(url) + tail;
  });
}
