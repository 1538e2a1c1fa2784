package org.ampsboot.autoconfigure.client;

import com.crankuptheamps.client.FailedWriteHandler;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.PublishStore;
import com.crankuptheamps.client.exception.StoreException;

import org.ampsboot.PublishConfirmations;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;

/**
 * The client's own publish stores, telling the client's {@link PublishConfirmations} how far AMPS
 * has persisted: the client discards the stored publishes that a persisted acknowledgement
 * covers, and the confirmed publishes up to there are done.
 */
final class ConfirmingPublishStores {

	private ConfirmingPublishStores() {
	}

	/** A memory publish store ({@code amps.publish-store.type=memory}). */
	static final class Memory extends MemoryPublishStore {

		private final PublishConfirmations confirmations;

		Memory(int capacity, PublishConfirmations confirmations) throws StoreException {
			super(capacity);
			this.confirmations = confirmations;
		}

		@Override
		public void discardUpTo(long index) throws StoreException {
			super.discardUpTo(index);
			this.confirmations.persistedUpTo(index);
		}

	}

	/** A file publish store ({@code amps.publish-store.type=file}). */
	static final class File extends PublishStore {

		private final PublishConfirmations confirmations;

		File(String path, PublishConfirmations confirmations) throws StoreException {
			super(path);
			this.confirmations = confirmations;
		}

		File(String path, int capacity, PublishConfirmations confirmations) throws StoreException {
			super(path, capacity);
			this.confirmations = confirmations;
		}

		@Override
		public void discardUpTo(long index) throws StoreException {
			super.discardUpTo(index);
			this.confirmations.persistedUpTo(index);
		}

	}

	/**
	 * The client's failed-write handler: fails the confirmed publish, counts the failure, then
	 * calls the application's handler (or the logging default). A named class, not a lambda:
	 * it is made at start-up.
	 */
	static final class FailedWrites implements FailedWriteHandler {

		private final String client;

		private final PublishConfirmations confirmations;

		private final AmpsInstrumentation instrumentation;

		private final FailedWriteHandler delegate;

		FailedWrites(String client, PublishConfirmations confirmations, AmpsInstrumentation instrumentation,
				FailedWriteHandler delegate) {
			this.client = client;
			this.confirmations = confirmations;
			this.instrumentation = instrumentation;
			this.delegate = delegate;
		}

		@Override
		public void failedWrite(Message message, int reason) {
			this.confirmations.failed(message, reason);
			this.instrumentation.failedWrite(this.client, message, reason);
			this.delegate.failedWrite(message, reason);
		}

	}

}
