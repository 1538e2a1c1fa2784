package org.ampsboot.test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.ampsboot.test.wire.Commands;

/** The {@link Fault}s a test queued with {@link AmpsTestServer#enqueue(Fault)}, each used once. */
final class FaultScript {

	private final List<Fault> faults = new ArrayList<>();

	private volatile int faultCount;

	void enqueue(Fault fault) {
		synchronized (this.faults) {
			this.faults.add(fault);
			this.faultCount = this.faults.size();
		}
	}

	/** The drop, silence or failure fault for this command (in that order), removed from the queue, or {@code null}. */
	Fault takeFault(String command) {
		if (this.faultCount == 0 || command == null) {
			return null;
		}
		synchronized (this.faults) {
			Fault fault = removeFirst(Fault.Kind.DROP, command);
			if (fault == null) {
				fault = removeFirst(Fault.Kind.SILENCE, command);
			}
			return (fault != null) ? fault : removeFirst(Fault.Kind.FAIL, command);
		}
	}

	Fault takePushAfterLogon() {
		if (this.faultCount == 0) {
			return null;
		}
		synchronized (this.faults) {
			return removeFirst(Fault.Kind.PUSH_AFTER_LOGON, null);
		}
	}

	private Fault removeFirst(Fault.Kind kind, String command) {
		for (Iterator<Fault> iterator = this.faults.iterator(); iterator.hasNext();) {
			Fault fault = iterator.next();
			if (fault.kind() == kind && (command == null || Commands.same(command, fault.command()))) {
				iterator.remove();
				this.faultCount = this.faults.size();
				return fault;
			}
		}
		return null;
	}

}
