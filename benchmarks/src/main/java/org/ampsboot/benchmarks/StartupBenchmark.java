package org.ampsboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsUnexpectedMessage;

/**
 * Start-up: the time {@code SpringApplication.run} takes for the same application (auto-configuration, one bean
 * with an {@code @AmpsListener} method and one with an {@code @AmpsUnexpectedMessage} method) in three variants:
 * <ul>
 * <li>{@code with}: with the starter ({@code amps.auto-startup=false}: the client is built, not connected);</li>
 * <li>{@code raw}: without the starter, the application building its {@code HAClient} by hand as a team does
 * today (name, server chooser, exception listener, last-chance handler; not connected either);</li>
 * <li>{@code without}: without the starter and without any AMPS client.</li>
 * </ul>
 * {@code raw} and {@code without} must run on a class path without the starter's jars ({@code run.sh} sees to
 * it; {@link #start()} fails otherwise), so that nothing of the starter loads: not its auto-configurations, not
 * its {@code spring.factories} listener.
 * <ul>
 * <li>{@code cold}: the first context of a fresh JVM, one sample per fork: what an application pays at
 * start;</li>
 * <li>{@code warm}: a context started again and again in one JVM (classes loaded, code compiled).</li>
 * </ul>
 * Besides the wall-clock time (the score), each start reports the CPU time of the thread that starts the
 * context and of the whole process ({@link CpuTime}): other processes on the machine lengthen the wall-clock
 * time of a start, hardly its CPU time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {

	@Param({ "without", "raw", "with" })
	public String starter;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private ConfigurableApplicationContext context;

	@Benchmark
	@Fork(10)
	@Warmup(iterations = 0)
	@Measurement(iterations = 1)
	public Object cold(CpuTime cpu) {
		return measured(cpu);
	}

	@Benchmark
	@Fork(1)
	@Warmup(iterations = 20)
	@Measurement(iterations = 30)
	public Object warm(CpuTime cpu) {
		return measured(cpu);
	}

	private Object measured(CpuTime cpu) {
		long thread = THREADS.getCurrentThreadCpuTime();
		long process = OS.getProcessCpuTime();
		Object started = start();
		cpu.threadCpuMs = (THREADS.getCurrentThreadCpuTime() - thread) / 1e6;
		cpu.processCpuMs = (OS.getProcessCpuTime() - process) / 1e6;
		return started;
	}

	private ConfigurableApplicationContext start() {
		String uri = "amps.uri=tcp://127.0.0.1:9007/amps/json";
		this.context = switch (this.starter) {
			case "with" -> BenchApp.start(UserBeans.class, uri, "amps.auto-startup=false");
			case "raw" -> BenchApp.start(RawClientBeans.class, uri);
			case "without" -> BenchApp.start(UserBeans.class, uri);
			default -> throw new IllegalArgumentException("starter=" + this.starter);
		};
		boolean starterPresent = ClassUtils.isPresent("org.ampsboot.autoconfigure.AmpsAutoConfiguration", null);
		boolean configured = this.context.containsBean("ampsClient");
		if (starterPresent != this.starter.equals("with") || configured != this.starter.equals("with")) {
			this.context.close();
			throw new IllegalStateException("starter=" + this.starter + " ran with the starter's jars "
					+ (starterPresent ? "on" : "off") + " the class path and " + (configured ? "an" : "no")
					+ " auto-configured client: run it through benchmarks/run.sh, which puts the starter's jars "
					+ "on the class path for 'with' only");
		}
		return this.context;
	}

	@TearDown(Level.Iteration)
	public void close() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	/** CPU time of one start, in milliseconds, reported next to the wall-clock time. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class CpuTime {

		/** CPU time of the thread that starts the context. */
		public double threadCpuMs;

		/** CPU time of the whole JVM during the start (JIT compiler and GC threads included). */
		public double processCpuMs;

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		OrderHandlers orderHandlers() {
			return new OrderHandlers();
		}

		@Bean
		Audit audit() {
			return new Audit();
		}

	}

	/** The user's beans and an AMPS client wired by hand, as without the starter. */
	@Configuration(proxyBeanMethods = false)
	@Import(UserBeans.class)
	static class RawClientBeans {

		@Bean
		HAClient rawClient(Audit audit, Environment environment) {
			HAClient client = new HAClient("bench-raw-" + ProcessHandle.current().pid());
			DefaultServerChooser chooser = new DefaultServerChooser();
			chooser.add(environment.getRequiredProperty("amps.uri"));
			client.setServerChooser(chooser);
			client.setExceptionListener((exception) -> Work.consume(exception));
			client.setLastChanceMessageHandler((message) -> audit.record(message, client));
			return client;
		}

	}

	public static class OrderHandlers {

		@AmpsListener(topic = "orders")
		public void onOrder(Order order) {
			Work.consume(order);
		}

	}

	public static class Audit {

		@AmpsUnexpectedMessage
		public void record(Message message, Client client) {
			Work.consume(message);
		}

	}

}
