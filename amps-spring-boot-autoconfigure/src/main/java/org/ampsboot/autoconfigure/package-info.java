/**
 * Auto-configuration of the AMPS Java client: properties, connection details, the client's
 * lifecycle and the fallback handler wiring.
 */
package org.ampsboot.autoconfigure;
