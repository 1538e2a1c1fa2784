/**
 * Helpers the parts share: the generated invokers that call listener and fallback methods, the
 * throttled logging of their failures, and names for the AMPS client's message, status and
 * reason codes.
 * <p>
 * Internal: not API. Depends on nothing else in the module.
 */
package org.ampsboot.autoconfigure.support;
