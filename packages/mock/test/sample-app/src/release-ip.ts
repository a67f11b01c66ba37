import type { TelnyxClient } from "@switchboard/telnyx";

export type Release =
  | { released: true; address: string | undefined }
  | { released: false; retryLater: true; reason: string };

/**
 * The app's own code under test: releases an IP of the Telnyx account. An IP that is already gone counts as
 * released; an outage, a rate limit or no answer means "try later"; anything else is a bug to surface.
 */
export async function releaseIp(telnyx: TelnyxClient, id: string): Promise<Release> {
  const { data, error } = await telnyx.deleteIp({ id });
  if (!error) return { released: true, address: data.data?.ip_address };
  switch (error.kind) {
    case "not_found":
      return { released: true, address: undefined };
    case "rate_limited":
    case "server":
    case "timeout":
    case "connection":
      return { released: false, retryLater: true, reason: error.message };
    default:
      throw error;
  }
}
