/**
 * Building and running the auto-configured {@code HAClient}: the factory that applies properties
 * and beans, the lifecycle that connects, logs on and shuts down (first-connect guard, bounded
 * reconnect, graceful shutdown), the receive-thread monitor, publish and bookmark store files and
 * their lock, SSL context registration, client names, URI checks and redaction, and the default
 * exception listener and failed-write handler.
 * <p>
 * Internal: not API. Depends on the {@code fallback} package (the lifecycle installs the
 * last-chance dispatcher when the client starts), {@code metrics} and {@code support}, never on
 * {@code listener}.
 */
package org.ampsboot.autoconfigure.client;
