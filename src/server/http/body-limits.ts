import type { Readable } from "node:stream";

/**
 * Request bodies a handler stopped reading on purpose (an upload far past any limit): the HTTP layer answers
 * and closes the connection instead of reading the rest.
 */
const abandoned = new WeakSet<Readable>();

export const abandonBody = (stream: Readable) => void abandoned.add(stream);
export const isBodyAbandoned = (stream: Readable) => abandoned.has(stream);

/** The most of a refused body the server reads (to answer instead of resetting the connection). */
export const DRAIN_LIMIT = 256 * 1024 * 1024;
