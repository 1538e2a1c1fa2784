/**
 * Micrometer observations of AMPS publishes and listener calls: their contexts, which carry the
 * trace context from publisher to listener through AMPS, and the conventions that name them and
 * give their key values (replace one by declaring a bean of its interface).
 */
package org.ampsboot.observation;
