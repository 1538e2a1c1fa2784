package org.ampsboot.test;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures what the test server logs, for assertions on log lines. */
public final class LogCapture implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AmpsTestServer.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final ch.qos.logback.classic.Level previousLevel;

	public LogCapture() {
		this(null);
	}

	/** Captures at this level (restored on close), or at the configured level if {@code null}. */
	public LogCapture(ch.qos.logback.classic.Level level) {
		this.previousLevel = this.logger.getLevel();
		if (level != null) {
			this.logger.setLevel(level);
		}
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	public List<ILoggingEvent> events() {
		synchronized (this.appender.list) {
			return List.copyOf(this.appender.list);
		}
	}

	/** Every captured line, formatted, with level, one per line. */
	public String text() {
		return events().stream()
			.map((event) -> event.getLevel() + " " + event.getFormattedMessage())
			.collect(Collectors.joining("\n"));
	}

	public List<String> warnings() {
		return events().stream()
			.filter((event) -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
		this.logger.setLevel(this.previousLevel);
	}

}
