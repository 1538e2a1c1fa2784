package org.ampsboot.autoconfigure.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.autoconfigure.AmpsProperties;
import org.ampsboot.autoconfigure.client.AmpsClientLifecycle;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;
import org.ampsboot.listener.AmpsListenerEndpoint;

/**
 * The listener containers of one client: creates one per {@link org.ampsboot.AmpsListener
 * @AmpsListener} method of the client once every singleton exists, starts those that start with
 * the application once the client has started (its phase follows the client's), stops every
 * container before the client disconnects, and tells the containers when the client logs on, so
 * that a container started while the client was down (or before it was started by hand) places
 * its subscription then.
 * <p>
 * Internal: not API (public only because the auto-configuration that registers it lives in
 * another package).
 */
public final class ClientListenerContainers implements SmartLifecycle, SmartInitializingSingleton,
		ApplicationEventPublisherAware, BeanFactoryAware, EnvironmentAware, DisposableBean {

	/** One phase after the client: starts after it has logged on, stops before it disconnects. */
	static final int PHASE = AmpsClientLifecycle.PHASE + 1;

	private static final Log logger = LogFactory.getLog(ClientListenerContainers.class);

	private final Client client;

	private final String clientName;

	private final AmpsAnnotationProcessor processor;

	private final AmpsListenerErrorHandler errorHandler;

	private final Object jsonMapper;

	private final AmpsInstrumentation instrumentation;

	private final ListenerRegistry registry;

	private final boolean autoStartup;

	private final Duration idleEventInterval;

	private final AmpsProperties.Listener settings;

	/** How long stopping the containers waits, at most, for what their listeners have in flight. */
	private final Duration drainTimeout;

	private BeanFactory beanFactory;

	private Environment environment;

	private ListenerExecutors executors;

	private final List<ListenerContainer> containers = new CopyOnWriteArrayList<>();

	private ApplicationEventPublisher eventPublisher;

	private ScheduledExecutorService idleChecks;

	private volatile boolean loggedOn;

	private volatile boolean running;

	public ClientListenerContainers(Client client, String clientName, AmpsAnnotationProcessor processor,
			AmpsListenerErrorHandler errorHandler, Object jsonMapper, AmpsInstrumentation instrumentation,
			ListenerRegistry registry, AmpsProperties.Listener settings, Duration drainTimeout) {
		this.client = client;
		this.clientName = clientName;
		this.processor = processor;
		this.errorHandler = errorHandler;
		this.jsonMapper = jsonMapper;
		this.instrumentation = instrumentation;
		this.registry = registry;
		this.autoStartup = settings.isAutoStartup();
		this.idleEventInterval = settings.getIdleEventInterval();
		this.settings = settings;
		this.drainTimeout = drainTimeout;
		// the defaults are checked now, whether or not a listener uses them
		ListenerDispatch.DEFAULTS.withDefaults(settings, false, "amps.listener");
		client.addConnectionStateListener(new StateListener(this));
		registry.add(this);
	}

	/**
	 * Follows the client's logons. A plain class, not a lambda or a record: the client keeps its
	 * listeners in a hash set, and a record's {@code hashCode} is linked through method handles on
	 * first use, which a cold start pays for.
	 */
	private static final class StateListener implements ConnectionStateListener {

		private final ClientListenerContainers owner;

		StateListener(ClientListenerContainers owner) {
			this.owner = owner;
		}

		@Override
		public void connectionStateChanged(int state) {
			this.owner.stateChanged(state);
		}

	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (ListenerMethod listener : this.processor.getListeners()) {
			if (listener.clientName().equals(this.clientName)) {
				Boolean start = listener.spec().autoStartup();
				add(new ListenerContainer(listener, this, (start != null) ? start : this.autoStartup));
			}
		}
	}

	String clientName() {
		return this.clientName;
	}

	Client client() {
		return this.client;
	}

	boolean isLoggedOn() {
		return this.loggedOn;
	}

	List<ListenerContainer> containers() {
		return this.containers;
	}

	ListenerInvoker invoker(ListenerMethod listener, ListenerContainer container) {
		String id = listener.spec().id();
		String description = listener.toString();
		ListenerDispatch requested = (listener.spec().dispatch() != null) ? listener.spec().dispatch()
				: ListenerDispatch.DEFAULTS;
		ListenerDispatch dispatch = requested.withDefaults(this.settings, listener.isBatch(), description);
		Function<ListenerInvoker, HandOff> handOff = null;
		if (!dispatch.onReceiveThread()) {
			Executor executor = executors().executor(dispatch, id, description);
			handOff = (invoker) -> {
				HandOff made = new HandOff(invoker, id, dispatch, executor, listener.isBatch(),
						listener.takesMessage());
				this.instrumentation.listenerHandOff(listener.description(), id, made::inFlight);
				return made;
			};
		}
		return new ListenerInvoker(listener, this.client, this.errorHandler, this.jsonMapper, this.instrumentation,
				container, this.idleEventInterval != null, handOff);
	}

	private synchronized ListenerExecutors executors() {
		if (this.executors == null) {
			this.executors = new ListenerExecutors(this.beanFactory, this.environment);
		}
		return this.executors;
	}

	/** {@code System.nanoTime()} until which a stop starting now drains what is in flight. */
	long drainDeadline() {
		return System.nanoTime() + this.drainTimeout.toNanos();
	}

	/** The bound of a drain, for the log. */
	String drainBound() {
		return this.drainTimeout + " (" + (this.clientName.isEmpty() ? "amps" : "amps.clients." + this.clientName)
				+ ".shutdown.flush-timeout)";
	}

	/** Creates the container of an endpoint registered at run time. */
	ListenerContainer create(AmpsListenerEndpoint endpoint) {
		ListenerSpec spec = new ListenerSpec(endpoint.getId(), endpoint.getClient(), endpoint.getTopic(),
				endpoint.getFilter(), endpoint.getOptions(), endpoint.getKind(), 0, 0, endpoint.getBookmark(),
				endpoint.getMaxBacklog(), org.ampsboot.AmpsListener.AckMode.AUTO, endpoint.isAutoStartup(),
				new ListenerDispatch(endpoint.getDispatch(), endpoint.getConcurrency(), endpoint.getMaxInFlight(),
						endpoint.getExecutor(), null, null));
		return new ListenerContainer(ListenerMethod.forEndpoint(spec, endpoint.getPayloadType(), endpoint.getHandler()),
				this, endpoint.isAutoStartup());
	}

	void add(ListenerContainer container) {
		this.registry.put(container);
		this.containers.add(container);
	}

	void remove(ListenerContainer container) {
		container.stop();
		this.containers.remove(container);
	}

	void publish(ApplicationEvent event) {
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			try {
				publisher.publishEvent(event);
			}
			catch (RuntimeException ex) {
				logger.warn("An application listener of " + event + " failed", ex);
			}
		}
	}

	private void stateChanged(int state) {
		if (state == ConnectionStateListener.LoggedOn) {
			this.loggedOn = true;
			if (this.running) {
				// not on the client's thread, which is in the middle of its logon
				later("amps-listeners-logon-", () -> this.containers.forEach(ListenerContainer::loggedOn));
			}
		}
		else if (state == ConnectionStateListener.Resubscribed) {
			if (this.running) {
				later("amps-listeners-resubscribed-", () -> this.containers.forEach(ListenerContainer::resubscribed));
			}
		}
		else if (state == ConnectionStateListener.Disconnected || state == ConnectionStateListener.Shutdown) {
			this.loggedOn = false;
		}
	}

	private void later(String name, Runnable task) {
		Thread thread = new Thread(task, name + this.client.getName());
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		List<ListenerContainer> started = new ArrayList<>();
		for (ListenerContainer container : this.containers) {
			if (container.isAutoStartup()) {
				try {
					container.start(true);
					started.add(container);
				}
				catch (RuntimeException ex) {
					started.forEach(ListenerContainer::stop);
					this.running = false;
					throw ex;
				}
			}
		}
		if (this.idleEventInterval != null && !this.containers.isEmpty()) {
			long nanos = this.idleEventInterval.toNanos();
			this.idleChecks = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "amps-listeners-idle-" + this.client.getName());
				thread.setDaemon(true);
				return thread;
			});
			long period = Math.max(1, nanos / 4);
			this.idleChecks.scheduleAtFixedRate(() -> this.containers.forEach((c) -> c.checkIdle(nanos)), period,
					period, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Stops every container; those that hand off drain what is in flight, all within one
	 * {@code shutdown.flush-timeout} of the client.
	 */
	@Override
	public synchronized void stop() {
		if (this.idleChecks != null) {
			this.idleChecks.shutdownNow();
			this.idleChecks = null;
		}
		long deadline = drainDeadline();
		for (ListenerContainer container : this.containers) {
			container.stop(deadline);
		}
		this.running = false;
	}

	@Override
	public void destroy() {
		ListenerExecutors executors = this.executors;
		if (executors != null) {
			executors.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
