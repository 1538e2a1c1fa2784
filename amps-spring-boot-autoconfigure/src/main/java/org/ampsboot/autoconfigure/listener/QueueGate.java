package org.ampsboot.autoconfigure.listener;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;

/**
 * In front of a queue listener's invoker: {@link #close} holds back what arrives from then on (not
 * acknowledged, so AMPS returns it to the queue when the unsubscribe reaches it) and waits for the
 * message in the listener, whose acknowledgement then goes out before the unsubscribe.
 */
final class QueueGate implements MessageHandler {

	private final MessageHandler target;

	/** Guarded by {@code this}. */
	private boolean closed;

	/** The thread in the listener now, or {@code null}. Guarded by {@code this}. */
	private Thread inListener;

	/** What {@link #close} called from the listener runs once it has returned. Guarded by {@code this}. */
	private Runnable afterListener;

	QueueGate(MessageHandler target) {
		this.target = target;
	}

	@Override
	public void invoke(Message message) {
		synchronized (this) {
			if (this.closed && message.getCommand() != Message.Command.Ack) {
				return;
			}
			this.inListener = Thread.currentThread();
		}
		Runnable after;
		try {
			this.target.invoke(message);
		}
		finally {
			synchronized (this) {
				this.inListener = null;
				after = this.afterListener;
				this.afterListener = null;
				notifyAll();
			}
		}
		if (after != null) {
			after.run();
		}
	}

	/**
	 * Holds back further messages and waits for the one in the listener.
	 * @param whenCalledFromListener run after the listener returned, when called from the listener itself
	 * @return {@code false} if called from the listener (then nothing was waited for)
	 */
	synchronized boolean close(Runnable whenCalledFromListener) {
		this.closed = true;
		if (this.inListener == Thread.currentThread()) {
			this.afterListener = whenCalledFromListener;
			return false;
		}
		while (this.inListener != null) {
			try {
				wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return true;
	}

	synchronized void open() {
		this.closed = false;
		this.afterListener = null;
	}

}
