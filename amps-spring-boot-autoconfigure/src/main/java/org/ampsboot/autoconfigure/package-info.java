/**
 * Auto-configuration of the AMPS Java client: the auto-configuration classes, properties and
 * their validation, conditions, connection details, named clients, the startup failure and its
 * analyzer, runtime hints and AOT, and the customizer API. The parts it wires live in
 * sub-packages: {@code client} (building and running the client), {@code listener} (listener
 * containers and annotation processing), {@code fallback} (the last-chance path),
 * {@code metrics} (instrumentation) and {@code support} (helpers they share). Their public
 * classes are internal unless documented otherwise.
 */
package org.ampsboot.autoconfigure;
