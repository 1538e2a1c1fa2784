package org.ampsboot.test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ampsboot.test.engine.Declarations;
import org.ampsboot.test.wire.Json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link EmbeddedAmps @EmbeddedAmps} annotation declares, checked and read once (seed resources included):
 * starts a server set up that way. Two declarations with the same values are equal, whatever class they were read
 * from, so a Spring test context cache key can hold one.
 *
 * <p>Internal: not API.
 */
public final class EmbeddedAmpsDeclarations {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

	private final Class<?> testClass;

	private final String username;

	private final String password;

	private final List<SowTopicDeclaration> sowTopics = new ArrayList<>();

	private final List<QueueDeclaration> queues = new ArrayList<>();

	private final List<SeedDeclaration> seeds = new ArrayList<>();

	private final List<Class<? extends AmpsTestServerInitializer>> initializers;

	private final List<String> transactionLog;

	private EmbeddedAmpsDeclarations(EmbeddedAmps annotation, Class<?> testClass) {
		this.testClass = testClass;
		this.username = annotation.username();
		this.password = annotation.password();
		this.initializers = List.of(annotation.initializers());
		this.transactionLog = List.of(annotation.transactionLog());
	}

	/**
	 * Reads and checks an annotation.
	 * @param annotation the annotation
	 * @param testClass the class it was found on (for messages and to load seed resources)
	 * @return the declarations
	 * @throws IllegalArgumentException naming the attribute and the test class, for a bad value
	 */
	public static EmbeddedAmpsDeclarations of(EmbeddedAmps annotation, Class<?> testClass) {
		EmbeddedAmpsDeclarations declarations = new EmbeddedAmpsDeclarations(annotation, testClass);
		Set<String> declared = new HashSet<>();
		EmbeddedAmps.SowTopic[] sowTopics = annotation.sowTopics();
		for (int i = 0; i < sowTopics.length; i++) {
			String attribute = "sowTopics[" + i + "]";
			String name = sowTopics[i].name();
			String[] keys = sowTopics[i].keys();
			declarations.check(attribute, () -> Declarations.checkSowTopic(name, keys));
			declarations.checkNew(attribute, name, declared);
			declarations.sowTopics.add(new SowTopicDeclaration(name, List.of(keys)));
		}
		EmbeddedAmps.Queue[] queues = annotation.queues();
		for (int i = 0; i < queues.length; i++) {
			String attribute = "queues[" + i + "]";
			String name = queues[i].name();
			Duration lease = declarations.duration(attribute + ".leasePeriod", queues[i].leasePeriod());
			declarations.check(attribute, () -> Declarations.checkQueue(name, lease));
			declarations.checkNew(attribute, name, declared);
			declarations.queues.add(new QueueDeclaration(name, lease));
		}
		for (int i = 0; i < declarations.transactionLog.size(); i++) {
			String pattern = declarations.transactionLog.get(i);
			declarations.check("transactionLog[" + i + "]", () -> Declarations.checkTransactionLogTopic(pattern));
		}
		EmbeddedAmps.Seed[] seeds = annotation.seed();
		for (int i = 0; i < seeds.length; i++) {
			declarations.seeds.add(declarations.seed("seed[" + i + "]", seeds[i], declared));
		}
		for (int i = 0; i < declarations.initializers.size(); i++) {
			declarations.checkInstantiable("initializers[" + i + "]", declarations.initializers.get(i));
		}
		return declarations;
	}

	/** The user name the server requires, empty for none. */
	public String username() {
		return this.username;
	}

	/** The password the server requires with {@link #username()}. */
	public String password() {
		return this.password;
	}

	/** Whether the server requires credentials: {@link #username()} is not empty. */
	public boolean hasCredentials() {
		return !this.username.isEmpty();
	}

	/** The URI the application connects to: with the credentials, if there are any. */
	public String uri(AmpsTestServer server) {
		return hasCredentials() ? server.uri(this.username, this.password) : server.uri();
	}

	/**
	 * A new server, set up and started: credentials, topics and queues, seed records, {@code start()}, initializers.
	 * @return the running server
	 * @throws IllegalArgumentException if a seed record is refused
	 * @throws IllegalStateException if an initializer fails (the server is then closed)
	 */
	public AmpsTestServer startServer() {
		AmpsTestServer server = new AmpsTestServer();
		try {
			if (hasCredentials()) {
				server.requireCredentials(this.username, this.password);
			}
			for (SowTopicDeclaration sowTopic : this.sowTopics) {
				server.sowTopic(sowTopic.name(), sowTopic.keys().toArray(String[]::new));
			}
			for (QueueDeclaration queue : this.queues) {
				server.queue(queue.name(), queue.leasePeriod());
			}
			server.transactionLog(this.transactionLog.toArray(String[]::new));
			for (int i = 0; i < this.seeds.size(); i++) {
				SeedDeclaration seed = this.seeds.get(i);
				check("seed[" + i + "]", () -> server.seed(seed.topic(), seed.records().toArray(String[]::new)));
			}
			server.start();
			for (int i = 0; i < this.initializers.size(); i++) {
				initialize("initializers[" + i + "]", this.initializers.get(i), server);
			}
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	private void initialize(String attribute, Class<? extends AmpsTestServerInitializer> type, AmpsTestServer server) {
		try {
			Constructor<? extends AmpsTestServerInitializer> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			constructor.newInstance().initialize(server);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(where(attribute) + type.getName() + " could not be created: "
					+ ex.getCause(), ex.getCause());
		}
		catch (Exception ex) {
			throw new IllegalStateException(where(attribute) + type.getName() + " failed: " + ex, ex);
		}
	}

	private SeedDeclaration seed(String attribute, EmbeddedAmps.Seed seed, Set<String> declared) {
		if (!declared.contains(seed.topic())) {
			throw new IllegalArgumentException(where(attribute + ".topic") + "'" + seed.topic()
					+ "' is not declared in sowTopics or queues of the annotation");
		}
		if (seed.resource().isEmpty() && seed.records().length == 0) {
			throw new IllegalArgumentException(where(attribute) + "give a resource or records for '" + seed.topic()
					+ "'");
		}
		List<String> records = new ArrayList<>(List.of(seed.records()));
		if (!seed.resource().isEmpty()) {
			records.addAll(readRecords(attribute + ".resource", seed.resource()));
		}
		return new SeedDeclaration(seed.topic(), seed.resource(), List.copyOf(records));
	}

	/** The messages of a JSON array, or of JSON lines. */
	private List<String> readRecords(String attribute, String location) {
		String text = read(attribute, location).strip();
		List<String> records = new ArrayList<>();
		if (text.startsWith("[")) {
			JsonNode array;
			try {
				array = Json.MAPPER.readTree(text);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(where(attribute) + "'" + location + "' is not a JSON array: "
						+ ex.getOriginalMessage(), ex);
			}
			for (JsonNode record : array) {
				records.add(Json.MAPPER.writeValueAsString(record));
			}
			return records;
		}
		for (String line : text.split("\\R")) {
			if (!line.isBlank()) {
				records.add(line.strip());
			}
		}
		return records;
	}

	private String read(String attribute, String location) {
		try {
			if (location.startsWith("file:")) {
				return Files.readString(Path.of(location.substring("file:".length())), StandardCharsets.UTF_8);
			}
			String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
			if (path.contains(":")) {
				throw new IllegalArgumentException(where(attribute) + "'" + location
						+ "' is neither a class-path resource (\"classpath:orders.json\") nor a file (\"file:...\")");
			}
			ClassLoader loader = (this.testClass.getClassLoader() != null) ? this.testClass.getClassLoader()
					: ClassLoader.getSystemClassLoader();
			try (InputStream in = loader.getResourceAsStream(path.startsWith("/") ? path.substring(1) : path)) {
				if (in == null) {
					throw new IllegalArgumentException(where(attribute) + "class-path resource '" + location
							+ "' not found");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(where(attribute) + "'" + location + "' cannot be read: " + ex, ex);
		}
	}

	private Duration duration(String attribute, String text) {
		String value = text.strip();
		Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
		try {
			if (matcher.matches()) {
				long amount = Long.parseLong(matcher.group(1));
				return switch (matcher.group(2)) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofDays(amount);
				};
			}
			if (value.startsWith("P") || value.startsWith("p")) {
				return Duration.parse(value);
			}
		}
		catch (ArithmeticException | NumberFormatException | DateTimeParseException ex) {
			// reported below
		}
		throw new IllegalArgumentException(where(attribute) + "'" + text + "' is not a duration such as \"30s\", "
				+ "\"500ms\", \"2m\", \"1h\", \"1d\" or \"PT30S\"");
	}

	private void checkNew(String attribute, String name, Set<String> declared) {
		if (!declared.add(name)) {
			throw new IllegalArgumentException(where(attribute + ".name") + "topic '" + name
					+ "' is declared more than once in sowTopics and queues (a topic is either a SOW topic or a queue, "
					+ "once)");
		}
	}

	private void checkInstantiable(String attribute, Class<? extends AmpsTestServerInitializer> type) {
		boolean instantiable = !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
				&& (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()));
		try {
			type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			instantiable = false;
		}
		if (!instantiable) {
			throw new IllegalArgumentException(where(attribute) + type.getName()
					+ " must be a concrete (static, if nested) class with a no-argument constructor");
		}
	}

	private void check(String attribute, Runnable check) {
		try {
			check.run();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where(attribute) + ex.getMessage(), ex);
		}
	}

	private String where(String attribute) {
		return "@EmbeddedAmps(" + attribute + ") on " + this.testClass.getName() + ": ";
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof EmbeddedAmpsDeclarations that)) {
			return false;
		}
		return this.username.equals(that.username) && this.password.equals(that.password)
				&& this.sowTopics.equals(that.sowTopics) && this.queues.equals(that.queues)
				&& this.seeds.equals(that.seeds) && this.initializers.equals(that.initializers)
				&& this.transactionLog.equals(that.transactionLog);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.username, this.password, this.sowTopics, this.queues, this.seeds, this.initializers,
				this.transactionLog);
	}

	@Override
	public String toString() {
		return "@EmbeddedAmps[sowTopics=" + this.sowTopics + ", queues=" + this.queues + ", seed=" + this.seeds
				+ ", transactionLog=" + this.transactionLog + ", initializers=" + this.initializers + (hasCredentials() ? ", username=" + this.username : "") + "]";
	}

	private record SowTopicDeclaration(String name, List<String> keys) {
	}

	private record QueueDeclaration(String name, Duration leasePeriod) {
	}

	private record SeedDeclaration(String topic, String resource, List<String> records) {

		@Override
		public String toString() {
			return this.topic + ": " + this.records.size() + " record(s)"
					+ (this.resource.isEmpty() ? "" : " with " + this.resource);
		}

	}

}
