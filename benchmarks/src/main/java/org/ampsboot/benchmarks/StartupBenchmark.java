package org.ampsboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
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

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsUnexpectedMessage;

/**
 * Start-up: the time {@code SpringApplication.run} takes for the same application (auto-configuration, one bean
 * with an {@code @AmpsListener} method and one with an {@code @AmpsUnexpectedMessage} method) with the
 * starter ({@code amps.auto-startup=false}: the client is built, not connected) and without it (the starter's
 * auto-configurations excluded, so none of its classes load).
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

	@Param({ "without", "with" })
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
		this.context = this.starter.equals("with")
				? BenchApp.start(UserBeans.class, "amps.uri=tcp://127.0.0.1:9007/amps/json", "amps.auto-startup=false")
				: BenchApp.start(UserBeans.class, "amps.uri=tcp://127.0.0.1:9007/amps/json",
						"spring.autoconfigure.exclude=" + BenchApp.STARTER_AUTO_CONFIGURATIONS);
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
