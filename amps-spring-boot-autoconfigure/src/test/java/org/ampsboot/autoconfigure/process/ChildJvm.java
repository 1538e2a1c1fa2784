package org.ampsboot.autoconfigure.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A separate JVM for the tests that prove a promise at the level a user lives at: a {@code main} class of the test
 * class path run as its own process, which a test can stop with {@code SIGTERM} ({@link #sigterm()}) or
 * {@code kill -9} ({@link #kill9()}), whose output it can wait on line by line, and whose exit it can wait for
 * within a bound. Closing it kills the process if it still runs.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new ArrayList<>();

	private final Thread pump;

	private ChildJvm(Process process, String name) {
		this.process = process;
		this.pump = new Thread(this::pump, "child-jvm-output-" + name);
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * Starts {@code mainClass} in a new JVM with the test's own class path.
	 * @param mainClass a class with a {@code main} method
	 * @param jvmOptions options for the new JVM, for example {@code -Xmx256m} or {@code -Dkey=value}
	 * @param args the arguments of {@code main}
	 */
	public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return new ChildJvm(process, mainClass.getSimpleName());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a JVM for " + mainClass.getName(), ex);
		}
	}

	private void pump() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.lines) {
					this.lines.add(line);
					this.lines.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		finally {
			synchronized (this.lines) {
				this.lines.notifyAll();
			}
		}
	}

	/**
	 * Waits for a line of output that matches, and returns it.
	 * @throws AssertionError if none came within the timeout (the output so far is in the message)
	 */
	public String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int seen = 0;
		synchronized (this.lines) {
			while (true) {
				for (; seen < this.lines.size(); seen++) {
					if (matching.test(this.lines.get(seen))) {
						return this.lines.get(seen);
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || (!this.process.isAlive() && !this.pump.isAlive())) {
					throw new AssertionError("No matching line from the child JVM within " + timeout + "; its output:\n"
							+ String.join("\n", this.lines));
				}
				TimeUnit.NANOSECONDS.timedWait(this.lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
			}
		}
	}

	/** The whole output so far, one line per element. */
	public List<String> output() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	/** Sends {@code SIGTERM} (what an orchestrator's stop sends): the JVM runs its shutdown hooks. */
	public void sigterm() {
		// through the handle: Process.destroy() would also close this side's pipes, losing what the hooks print
		this.process.toHandle().destroy();
	}

	/** Sends {@code SIGKILL} ({@code kill -9}): the JVM ends at once, no shutdown hook runs. */
	public void kill9() {
		this.process.toHandle().destroyForcibly();
	}

	/**
	 * Waits for the JVM to exit and returns its exit code.
	 * @throws AssertionError if it still runs after the timeout (it is then killed; its output is in the message)
	 */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new AssertionError("The child JVM did not exit within " + timeout + "; killed. Its output:\n"
					+ String.join("\n", output()));
		}
		this.pump.join(TimeUnit.SECONDS.toMillis(5));
		return this.process.exitValue();
	}

	/** Whether the JVM still runs. */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
