/**
 * The server process loads the platform's services directly (the lean API server), outside Next.js's bundler.
 * Those modules import "server-only", whose default export throws to keep them out of client bundles: here,
 * on the server, it is registered as the empty module it is under the "react-server" condition. Import this
 * first.
 */
import Module from "node:module";

const id = require.resolve("server-only");
const stub = new Module(id);
stub.filename = id;
stub.loaded = true;
stub.exports = {};
require.cache[id] = stub;
