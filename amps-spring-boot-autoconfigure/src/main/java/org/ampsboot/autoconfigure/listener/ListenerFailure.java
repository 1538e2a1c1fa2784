package org.ampsboot.autoconfigure.listener;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerFailure;

/**
 * One failure of one listener on one message, handed to the error handler on the thread that
 * called the listener. Not thread-safe: it lives for one error-handler call on one thread.
 */
final class ListenerFailure implements AmpsListenerFailure {

	private final ListenerInvoker invoker;

	private final Message message;

	/** The message's acknowledgement, as the listener receives it (also when manual), or {@code null}. */
	private final QueueAcknowledgement acknowledgement;

	private final boolean autoAck;

	private Throwable error;

	private boolean conversionFailure;

	private int attempts = 1;

	ListenerFailure(ListenerInvoker invoker, Message message, QueueAcknowledgement acknowledgement, boolean autoAck,
			Throwable error, boolean conversionFailure) {
		this.invoker = invoker;
		this.message = message;
		this.acknowledgement = acknowledgement;
		this.autoAck = autoAck;
		this.error = error;
		this.conversionFailure = conversionFailure;
	}

	@Override
	public Message getMessage() {
		return this.message;
	}

	@Override
	public AmpsAcknowledgement getAcknowledgement() {
		return (this.autoAck) ? this.acknowledgement : null;
	}

	/** The acknowledgement the starter owns (automatic), or {@code null}. */
	QueueAcknowledgement autoAcknowledgement() {
		return (this.autoAck) ? this.acknowledgement : null;
	}

	@Override
	public String getListener() {
		return this.invoker.description();
	}

	@Override
	public AmpsListenerContainer getContainer() {
		return this.invoker.container();
	}

	@Override
	public Client getClient() {
		return this.invoker.client();
	}

	@Override
	public Throwable getError() {
		return this.error;
	}

	@Override
	public int getAttempts() {
		return this.attempts;
	}

	@Override
	public boolean isConversionFailure() {
		return this.conversionFailure;
	}

	@Override
	public void stopContainer() {
		this.invoker.container().stopFromListener();
	}

	@Override
	public void retry() throws Throwable {
		this.attempts++;
		try {
			this.invoker.attempt(this.message, this.acknowledgement);
		}
		catch (ListenerInvoker.ConversionFailure ex) {
			this.error = ex.getCause();
			this.conversionFailure = true;
			throw this.error;
		}
		catch (Throwable ex) {
			this.error = ex;
			this.conversionFailure = false;
			throw ex;
		}
		if (this.autoAck && this.acknowledgement != null) {
			this.acknowledgement.acknowledge();
		}
	}

	@Override
	public String toString() {
		return "AmpsListenerFailure[" + getListener() + " on '" + this.message.getTopic() + "', attempt "
				+ this.attempts + ": " + this.error + "]";
	}

}
