/**
 * The last-chance path: the dispatcher the client's lifecycle sets in the client's last-chance
 * slot, the {@code @AmpsUnexpectedMessage} method adapter, and the logging fallback used when the
 * application declares none.
 * <p>
 * Internal: not API. Depends only on {@code metrics} and {@code support}.
 */
package org.ampsboot.autoconfigure.fallback;
