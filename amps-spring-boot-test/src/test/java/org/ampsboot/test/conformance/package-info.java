/**
 * Conformance tests of the AMPS test server: each drives the server only through the real AMPS client (or raw
 * frames), asserts what 60East documents, and runs unchanged against a real AMPS when {@code AMPS_URI} is set
 * (see {@link org.ampsboot.test.conformance.AmpsUnderTest}). Tests of the test server's own loud refusals run on
 * the test server only.
 */
package org.ampsboot.test.conformance;
