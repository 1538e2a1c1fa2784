/**
 * The listener machinery: annotation processing ({@code @AmpsListener}, and
 * {@code @AmpsUnexpectedMessage} in the same pass, handed to the fallback path), endpoints,
 * containers and their registry, invocation and parameter resolution, queue acknowledgement,
 * JSON payload conversion and the default error handler.
 * <p>
 * Internal: not API; the public model is {@link org.ampsboot.listener}. Depends on
 * {@code client} (containers start after their client), {@code fallback}, {@code metrics} and
 * {@code support}.
 */
package org.ampsboot.autoconfigure.listener;
