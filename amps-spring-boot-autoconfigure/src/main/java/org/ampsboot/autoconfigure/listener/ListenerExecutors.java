package org.ampsboot.autoconfigure.listener;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import org.ampsboot.autoconfigure.AmpsStartupException;

/**
 * The executors that listeners hand their messages off to: the {@code Executor} bean named by the
 * listener or {@code amps.listener.dispatch.executor}; else virtual threads when
 * {@code spring.threads.virtual.enabled=true} on Java 21 and later (as Spring Boot does for its
 * other listeners); else a pool of the starter's own: {@code concurrency} platform threads per
 * listener, named {@code amps-listener-<container id>-<n>}, with a queue of at most
 * {@code concurrency} tasks (a lane has at most one task queued or running per worker slot), whose
 * idle threads end after a minute. The starter's pools are shut down with the containers' bean.
 */
final class ListenerExecutors {

	private final BeanFactory beanFactory;

	private final Environment environment;

	private final List<ExecutorService> owned = new CopyOnWriteArrayList<>();

	ListenerExecutors(BeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	/**
	 * The executor of one listener.
	 * @throws AmpsStartupException naming the listener when its executor bean does not exist or is no
	 * {@code Executor}
	 */
	Executor executor(ListenerDispatch dispatch, String containerId, String listener) {
		String name = dispatch.executor();
		if (name != null) {
			if (this.beanFactory == null || !this.beanFactory.containsBean(name)) {
				throw new AmpsStartupException(listener + " hands off to executor '" + name
						+ "', but there is no bean of that name.",
						"Define an Executor bean named '" + name + "', or change the listener's executor attribute "
								+ "(or amps.listener.dispatch.executor).");
			}
			Object bean = this.beanFactory.getBean(name);
			if (!(bean instanceof Executor executor)) {
				throw new AmpsStartupException(listener + " hands off to executor '" + name + "', but that bean is a "
						+ bean.getClass().getName() + ", not a java.util.concurrent.Executor.",
						"Name an Executor bean (for example a ThreadPoolTaskExecutor).");
			}
			return executor;
		}
		String prefix = "amps-listener-" + containerId + "-";
		if (this.environment != null && Threading.VIRTUAL.isActive(this.environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
			executor.setVirtualThreads(true);
			return executor;
		}
		int threads = dispatch.concurrency();
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(threads), (runnable) -> {
					Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		this.owned.add(pool);
		return pool;
	}

	/** Shuts the starter's own pools down (what they run finishes; nothing new starts). */
	void shutdown() {
		this.owned.forEach(ExecutorService::shutdown);
	}

}
