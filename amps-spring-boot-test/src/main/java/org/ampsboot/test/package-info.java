/**
 * An in-process AMPS-protocol test server for tests that use the official AMPS Java client, with JUnit 5 and
 * Spring test support. A test tool, never a production broker.
 *
 * <ul>
 * <li>{@link org.ampsboot.test.AmpsTestServer}: the server, scriptable in the manner of OkHttp's
 * MockWebServer.</li>
 * <li>{@link org.ampsboot.test.Fault}: scripted failures, drops, silences and pushes.</li>
 * <li>{@link org.ampsboot.test.ServerConnection}: one client connection; it can be dropped, made silent (a
 * hung server) or sent raw bytes (malformed frames).</li>
 * <li>{@link org.ampsboot.test.SelfSignedCertificate}: test certificates for a TLS server
 * ({@link org.ampsboot.test.AmpsTestServer#useTls(javax.net.ssl.SSLContext)}) and its clients; needs
 * BouncyCastle.</li>
 * <li>{@link org.ampsboot.test.ReceivedFrame}: what a client sent.</li>
 * <li>{@link org.ampsboot.test.EmbeddedAmps} and {@link org.ampsboot.test.AmpsTestServerExtension}: one server
 * per test class (JUnit 5) or per application context (Spring, with {@code amps.uri} set).</li>
 * </ul>
 *
 * <h2>What the test server implements</h2>
 * <ul>
 * <li>Framing: a 4-byte big-endian length, then a JSON header object immediately followed by the payload.
 * Frames with a non-positive length, a length above the maximum (16 MiB), a header that is not a JSON object
 * or has no command ({@code c}), or that end early, are logged (one WARN line naming the problem and the remote
 * address) and close only that connection. {@link ServerConnection#sendRaw(byte[])} sends malformed frames the
 * other way.</li>
 * <li>{@code logon}: the ack carries {@code status}, {@code v} (server version {@value org.ampsboot.test.command.CommandDispatcher#SERVER_VERSION}),
 * {@code bm} ({@code <client name hash>|0|}; the client reads its name hash from it and fails without it)
 * and, once this server has seen publish sequence numbers from that client name, {@code s}. With
 * {@link AmpsTestServer#requireCredentials(String, String)} other credentials are refused with {@code auth failure}; a
 * second live connection with a client name in use is refused with {@code name in use}.</li>
 * <li>{@code heartbeat}: {@code start,N} makes the server send {@code {"c":"heartbeat"}} when it has sent
 * nothing for N seconds (or the client has been silent for N seconds), and close the connection when nothing
 * arrives from the client for 2N seconds.</li>
 * <li>{@code p}/{@code publish}/{@code delta_publish}: payloads of JSON connections must be one JSON value
 * (an empty payload is accepted), otherwise {@code parse error}. Delivered to every matching subscription of
 * every logged-on connection, one frame per connection with {@code sids} and a bookmark
 * {@code <publisher hash>|<sequence>|} unique and increasing server-wide. Publishes carrying a sequence
 * number {@code s} get the {@code persisted} ack with {@code s}; a sequence number at or below the highest
 * seen for that client name (by this server or one it {@linkplain AmpsTestServer#replicatePublishesWith(AmpsTestServer)
 * replicates with}) is acknowledged but not delivered again. A delta publish to a SOW topic is merged
 * into the record; to any other topic it is delivered as it was sent.</li>
 * <li>State of the World topics declared with {@link AmpsTestServer#sowTopic(String, String...)}: publishes are stored by key
 * (deliveries carry the SowKey in {@code k}; expiration {@code e} is honoured); {@code sow},
 * {@code sow_and_subscribe} and {@code sow_and_delta_subscribe} with {@code filter}, {@code sow_keys},
 * {@code orderby}, {@code top_n} and {@code batch_size} are answered with {@code group_begin}, batched
 * {@code sow} frames, {@code group_end} and the {@code completed} / {@code stats} acks; the {@code oof} option
 * gives out-of-focus notices with reason {@code match}, {@code deleted} or {@code expired}. Delta subscriptions
 * ({@code delta_subscribe}, {@code sow_and_delta_subscribe}) receive the key fields and the changed fields of an
 * update ({@code no_empties} honoured), new records whole. {@code sow_delete} by filter, {@code sow_keys} or data
 * deletes records (oof reason {@code deleted}) and answers a {@code stats} ack with {@code matches},
 * {@code topic_matches} and {@code records_deleted}. Queries on other
 * topics fail with {@code invalid topic}; a publish without its key fields fails with {@code bad sow key}.</li>
 * <li>Message queues declared with {@link AmpsTestServer#queue(String, Duration)}: each message leased to one subscription at a
 * time (at most {@code max_backlog}, default 1, unacknowledged per subscription) with {@code lp}; acknowledgement
 * by {@code sow_delete} with bookmarks (batched), {@code cancel}, redelivery when a lease expires or a subscriber
 * goes away.</li>
 * <li>{@code subscribe}/{@code delta_subscribe}: exact topics, and regex topics (a topic containing a
 * regular-expression metacharacter, matched with {@code find()} semantics); {@code unsubscribe} by id or
 * {@code all}; {@code flush}.</li>
 * <li>Content filters on subscriptions, evaluated against the JSON payload with the documented AMPS rules:
 * identifiers {@code /a/b} and {@code /a[0]}, {@code = != <> < <= > >=} (string/number conversion, strings above
 * numbers, NULL for missing fields and empty strings, SQL three-valued logic), {@code AND OR NOT}, parentheses,
 * {@code [NOT] IN}, {@code [NOT] BETWEEN}, {@code IS [NOT] NULL}, {@code [NOT] LIKE} (a regular expression),
 * {@code [NOT] BEGINS WITH (...)}, {@code [NOT] ENDS WITH (...)}, arrays (any element), arithmetic. A filter it
 * cannot parse (or one with functions) is refused with {@code bad filter}.</li>
 * <li>Every requested ack type is answered with its own ack frame carrying {@code cid} (and {@code sub_id} /
 * {@code query_id} where the command had them). Failure acks go out even when no ack was requested.</li>
 * <li>TLS with {@link AmpsTestServer#useTls(SSLContext)} (see {@link SelfSignedCertificate}): the same protocol inside TLS;
 * a failed handshake (for example a client that does not trust the certificate) is logged as one WARN line
 * and closes only that connection.</li>
 * <li>A hung server: {@link ServerConnection#goSilent()}, {@link AmpsTestServer#silenceConnections()} and
 * {@link Fault#silenceOnNext(String)} make connections read and discard everything and send nothing, with the
 * socket left open, so that a client's heartbeat timeout has something to detect.</li>
 * </ul>
 *
 * <h2>What the test server does not implement</h2>
 * <ul>
 * <li>Functions in content filters ({@code UPPER}, {@code INSTR}, ...): refused with {@code bad filter}.</li>
 * <li>Queue priorities, delivery limits, dead-letter topics and queries on queues.</li>
 * <li>Transaction log, bookmark replay, historical queries, conflation, paging, views, aggregation,
 * entitlements, message types other than JSON (their payloads are passed through unchecked),
 * client certificates (TLS client authentication), websocket and every transport but {@code tcp} and
 * {@code tcps}; commands it does not know get a failure ack
 * {@code not supported by the AMPS test server: command '<name>'} and one WARN line.</li>
 * <li>Persistence across restarts: everything lives in memory for the life of this object.</li>
 * </ul>
 */
package org.ampsboot.test;
