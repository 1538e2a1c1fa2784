package org.ampsboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.CommandId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import org.ampsboot.AmpsListenerErrorHandler;

/**
 * Places the subscription of every {@link org.ampsboot.AmpsListener @AmpsListener} method once
 * the client has logged on (its phase follows the client's), and removes them when the context
 * stops, before the client disconnects. After a failover the client itself resubscribes them.
 */
final class AmpsListenerContainer implements SmartLifecycle {

	/** One phase after the client: starts after it has logged on, stops before it disconnects. */
	static final int PHASE = AmpsClientLifecycle.PHASE + 1;

	private static final Log logger = LogFactory.getLog(AmpsListenerContainer.class);

	private final Client client;

	private final AmpsAnnotationProcessor processor;

	private final AmpsListenerErrorHandler errorHandler;

	private final Object jsonMapper;

	private final boolean autoStartup;

	private final AmpsInstrumentation instrumentation;

	private final String clientName;

	private final List<CommandId> subscriptions = new ArrayList<>();

	private volatile boolean running;

	AmpsListenerContainer(Client client, AmpsAnnotationProcessor processor, AmpsListenerErrorHandler errorHandler,
			Object jsonMapper, boolean autoStartup, AmpsInstrumentation instrumentation, String clientName) {
		this.clientName = clientName;
		this.client = client;
		this.instrumentation = instrumentation;
		this.processor = processor;
		this.errorHandler = errorHandler;
		this.jsonMapper = jsonMapper;
		this.autoStartup = autoStartup;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		for (ListenerMethod listener : this.processor.getListeners()) {
			if (!listener.clientName().equals(this.clientName)) {
				continue;
			}
			try {
				this.subscriptions.add(this.client.executeAsync(listener.command(),
						new ListenerInvoker(listener, this.client, this.errorHandler, this.jsonMapper,
								this.instrumentation)));
				logger.debug("Subscribed " + listener + " to '" + listener.topic() + "'");
			}
			catch (Exception ex) {
				stopSubscriptions();
				String reason = org.ampsboot.AmpsOperationException.reasonOf(ex);
				throw new AmpsStartupException(
						"Could not subscribe " + listener + " to '" + listener.topic() + "': "
								+ ((reason != null) ? "AMPS refused it: " + reason : ex.getClass().getSimpleName()
										+ ": " + ex.getMessage()),
						"Check the listener's topic, filter and options against the AMPS configuration.", null);
			}
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		stopSubscriptions();
		this.running = false;
	}

	private void stopSubscriptions() {
		for (CommandId subscription : this.subscriptions) {
			try {
				this.client.unsubscribe(subscription);
			}
			catch (Exception ex) {
				logger.debug("Could not unsubscribe " + subscription + ": " + ex);
			}
		}
		this.subscriptions.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
