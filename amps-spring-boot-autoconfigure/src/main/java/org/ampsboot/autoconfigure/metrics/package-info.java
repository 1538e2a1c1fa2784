/**
 * Instrumentation: the interface the other parts report to (no Micrometer types, so the core
 * never loads them), its Micrometer implementation and the client's connection meters.
 * <p>
 * Internal: not API. Depends only on {@code support}.
 */
package org.ampsboot.autoconfigure.metrics;
