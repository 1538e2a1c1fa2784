package org.ampsboot.autoconfigure.client;

import com.crankuptheamps.client.ThreadCreatedHandler;
import com.crankuptheamps.client.TransportFilter;

/**
 * What the auto-configuration tests of the parent package read of the client package's
 * package-private classes, so that those stay package-private in the main code.
 */
public final class ClientInternals {

	/** The exception listener the client gets when the application defines none. */
	public static final Class<?> DEFAULT_EXCEPTION_LISTENER = LoggingExceptionListener.class;

	/** The failed-write handler the client gets when the application defines none. */
	public static final Class<?> DEFAULT_FAILED_WRITE_HANDLER = LoggingFailedWriteHandler.class;

	/** The size of a block of a publish store file. */
	public static final int PUBLISH_STORE_BLOCK_SIZE = PublishStoreFile.BLOCK_SIZE;

	private ClientInternals() {
	}

	/** The application's handler behind the reader monitor's thread created handler. */
	public static ThreadCreatedHandler delegate(ThreadCreatedHandler handler) {
		return ((AmpsReaderMonitor.ReaderHook) handler).delegate();
	}

	/** The application's filter behind the reader monitor's transport filter. */
	public static TransportFilter delegate(TransportFilter filter) {
		return ((AmpsReaderMonitor.FrameGuard) filter).delegate();
	}

}
