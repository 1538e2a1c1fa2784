/**
 * The wire of the AMPS test server: what a frame's header says ({@link org.ampsboot.test.wire.InboundHeader}),
 * JSON framing and header encoding ({@link org.ampsboot.test.wire.Json}), command names, ack types, bookmarks and
 * failure reasons. Knows nothing of topics, sockets or connections.
 *
 * <p>Internal: not API.
 */
package org.ampsboot.test.wire;
