package org.ampsboot.autoconfigure;

import java.beans.ExceptionListener;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.ClientDisconnectHandler;
import com.crankuptheamps.client.ConnectionInfo;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.ExponentialDelayStrategy;
import com.crankuptheamps.client.FailedResubscribeHandler;
import com.crankuptheamps.client.FailedWriteHandler;
import com.crankuptheamps.client.FixedDelayStrategy;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.MemoryBookmarkStore;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.MemorySubscriptionManager;
import com.crankuptheamps.client.PublishStore;
import com.crankuptheamps.client.ReconnectDelayStrategy;
import com.crankuptheamps.client.ServerChooser;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.SubscriptionManager;
import com.crankuptheamps.client.ThreadCreatedHandler;
import com.crankuptheamps.client.TransportFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import org.ampsboot.autoconfigure.client.ClientInternals;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code amps.*} property and every handler or strategy bean reaches the built client
 * (read back from the client, not connecting), and every invalid value fails startup naming
 * the property.
 */
class AmpsClientConfigurationTests {

	private static final String URI = "tcp://amps-a.example.test:9007/amps/json";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
		.withPropertyValues("amps.auto-startup=false", "amps.uri=" + URI);

	@Test
	void connectionAndHeartbeatAndQueuePropertiesReachTheClient() {
		this.contextRunner
			.withPropertyValues("amps.logon-options=pretty", "amps.logon-correlation-data=desk-7",
					"amps.command-timeout=4s", "amps.retry-on-disconnect=false", "amps.default-max-depth=500",
					"amps.heartbeat.interval=5s", "amps.heartbeat.read-timeout=12s", "amps.queue.auto-ack=true",
					"amps.queue.ack-batch-size=20", "amps.queue.ack-timeout=250ms")
			.run((context) -> {
				HAClient client = context.getBean(HAClient.class);
				assertThat(client.getLogonOptions()).isEqualTo("pretty");
				assertThat(client.getLogonCorrelationData()).isEqualTo("desk-7");
				assertThat(client.getTimeout()).isEqualTo(4000);
				assertThat(client.getRetryOnDisconnect()).isFalse();
				assertThat(client.getDefaultMaxDepth()).isEqualTo(500);
				assertThat(client.getHeartbeatInterval()).isEqualTo(5);
				assertThat(client.getReadTimeout()).isEqualTo(12);
				assertThat(client.getAutoAck()).isTrue();
				assertThat(client.getAckBatchSize()).isEqualTo(20);
				assertThat(client.getAckTimeout()).isEqualTo(250);
			});
	}

	@Test
	void unsetPropertiesKeepTheClientDefaults() {
		this.contextRunner.run((context) -> {
			HAClient client = context.getBean(HAClient.class);
			HAClient plain = new HAClient("plain");
			assertThat(client.getTimeout()).isEqualTo(plain.getTimeout());
			assertThat(client.getHeartbeatInterval()).isZero();
			assertThat(client.getRetryOnDisconnect()).isEqualTo(plain.getRetryOnDisconnect());
			assertThat(client.getDefaultMaxDepth()).isEqualTo(plain.getDefaultMaxDepth());
			assertThat(client.getAutoAck()).isEqualTo(plain.getAutoAck());
			assertThat(client.getPublishStore()).isNull();
			assertThat(client.getReconnectDelayStrategy()).isInstanceOf(ExponentialDelayStrategy.class);
			assertThat(client.getExceptionListener()).isInstanceOf(ClientInternals.DEFAULT_EXCEPTION_LISTENER);
			assertThat(client.getFailedWriteHandler()).isInstanceOf(ClientInternals.DEFAULT_FAILED_WRITE_HANDLER);
		});
	}

	@Test
	void heartbeatReadTimeoutDefaultsToTwiceTheInterval() {
		this.contextRunner.withPropertyValues("amps.heartbeat.interval=3s")
			.run((context) -> assertThat(context.getBean(HAClient.class).getReadTimeout()).isEqualTo(6));
	}

	@Test
	void exponentialReconnectPropertiesShapeTheDelays() throws Exception {
		this.contextRunner
			.withPropertyValues("amps.reconnect.initial-delay=100ms", "amps.reconnect.max-delay=400ms",
					"amps.reconnect.backoff-factor=2", "amps.reconnect.jitter=0")
			.run((context) -> {
				ReconnectDelayStrategy strategy = context.getBean(HAClient.class).getReconnectDelayStrategy();
				List<Integer> waits = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					waits.add(strategy.getConnectWaitDuration(URI));
				}
				assertThat(waits).containsExactly(0, 100, 200, 400, 400);
			});
	}

	@Test
	void fixedReconnectDelay() {
		this.contextRunner.withPropertyValues("amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=300ms")
			.run((context) -> {
				ReconnectDelayStrategy strategy = context.getBean(HAClient.class).getReconnectDelayStrategy();
				assertThat(strategy).isInstanceOf(FixedDelayStrategy.class);
				strategy.getConnectWaitDuration(URI);
				assertThat(strategy.getConnectWaitDuration(URI)).isEqualTo(300);
			});
	}

	@Test
	void maxRetryTimeMakesTheClientGiveUp() {
		this.contextRunner.withPropertyValues("amps.reconnect.max-retry-time=1ms").run((context) -> {
			ReconnectDelayStrategy strategy = context.getBean(HAClient.class).getReconnectDelayStrategy();
			org.assertj.core.api.Assertions.assertThatException().isThrownBy(() -> {
				long deadline = System.nanoTime() + 5_000_000_000L;
				while (System.nanoTime() < deadline) {
					strategy.getConnectWaitDuration(URI);
				}
			});
		});
	}

	@Test
	void memoryStores() {
		this.contextRunner
			.withPropertyValues("amps.publish-store.type=memory", "amps.publish-store.initial-capacity=100",
					"amps.bookmark-store.type=memory")
			.run((context) -> {
				HAClient client = context.getBean(HAClient.class);
				assertThat(client.getPublishStore()).isInstanceOf(MemoryPublishStore.class);
				assertThat(client.getBookmarkStore()).isInstanceOf(MemoryBookmarkStore.class);
			});
	}

	@Test
	void fileStores(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("amps.publish-store.type=file",
					"amps.client-name=file-stores", "amps.publish-store.path=" + directory.resolve("publish.store"),
					"amps.bookmark-store.type=file",
					"amps.bookmark-store.path=" + directory.resolve("bookmark.store"))
			.run((context) -> {
				HAClient client = context.getBean(HAClient.class);
				assertThat(client.getPublishStore()).isInstanceOf(PublishStore.class);
				assertThat(client.getBookmarkStore()).isInstanceOf(LoggedBookmarkStore.class);
				assertThat(directory.resolve("publish.store")).exists();
			});
	}

	@Test
	void credentialPropertiesApplyToUrisWithoutUserInfoAndAUrisOwnUserInfoWins() {
		this.contextRunner
			.withPropertyValues("amps.uri=" + URI + ",tcp://carol:own@amps-b.example.test:9007/amps/json",
					"amps.username=bob", "amps.password=p@ss word")
			.run((context) -> {
				HAClient client = context.getBean(HAClient.class);
				assertThat(client.getServerChooser().getCurrentURI())
					.isEqualTo("tcp://bob:p%40ss%20word@amps-a.example.test:9007/amps/json");
				assertThat(context.getBean(AmpsProperties.class).toString()).doesNotContain("p@ss word");
			});
	}

	@Test
	void handlerAndStrategyBeansReachTheClient() {
		this.contextRunner.withUserConfiguration(StrategyBeans.class).run((context) -> {
			HAClient client = context.getBean(HAClient.class);
			assertThat(client.getExceptionListener()).isSameAs(context.getBean(ExceptionListener.class));
			assertThat(client.getFailedWriteHandler()).isSameAs(context.getBean(FailedWriteHandler.class));
			assertThat(client.getReconnectDelayStrategy()).isSameAs(context.getBean(ReconnectDelayStrategy.class));
			assertThat(client.getSubscriptionManager()).isSameAs(context.getBean(SubscriptionManager.class));
			assertThat(client.getPublishStore()).isSameAs(context.getBean(Store.class));
			assertThat(client.getBookmarkStore()).isSameAs(context.getBean(BookmarkStore.class));
			assertThat(client.getServerChooser().getCurrentAuthenticator())
				.isSameAs(context.getBean(Authenticator.class));
			// wrapped by the reader monitor, which calls them
			assertThat(ClientInternals.delegate(client.getThreadCreatedHandler()))
				.isSameAs(context.getBean(ThreadCreatedHandler.class));
			assertThat(ClientInternals.delegate(client.getTransportFilter()))
				.isSameAs(context.getBean(TransportFilter.class));
			assertThat(client.getSubscriptionManager().getFailedResubscribeHandler())
				.isSameAs(context.getBean(FailedResubscribeHandler.class));
			assertThat(context.getBean(StrategyBeans.class).customized).containsExactly("first", "second");
		});
	}

	@Test
	void aServerChooserBeanReplacesTheUriList() {
		this.contextRunner.withPropertyValues("amps.uri=")
			.withBean(ServerChooser.class, () -> new DefaultServerChooser().add("tcp://10.1.1.1:9007/amps/json"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HAClient.class).getServerChooser().getCurrentURI())
					.isEqualTo("tcp://10.1.1.1:9007/amps/json");
			});
	}

	@Test
	void severalCandidatesForASingleStrategyMeanNoneIsUsed() {
		this.contextRunner
			.withBean("one", ExceptionListener.class, () -> (ex) -> {
			})
			.withBean("two", ExceptionListener.class, () -> (ex) -> {
			})
			.run((context) -> assertThat(context.getBean(HAClient.class).getExceptionListener())
				.isInstanceOf(ClientInternals.DEFAULT_EXCEPTION_LISTENER));
	}

	@Test
	void aClientDisconnectHandlerBeanFailsStartupBecauseItWouldRemoveFailover() {
		this.contextRunner.withBean(ClientDisconnectHandler.class, () -> (client) -> {
		}).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("ClientDisconnectHandler")
				.hasMessageContaining("remove failover");
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			amps.first-connect-timeout         | -1s    | amps.first-connect-timeout is PT-1S
			amps.command-timeout               | 0ms    | amps.command-timeout is PT0S
			amps.default-max-depth             | 0      | amps.default-max-depth is 0
			amps.heartbeat.interval            | 1500ms | amps.heartbeat.interval is PT1.5S
			amps.heartbeat.interval            | 0s     | amps.heartbeat.interval is PT0S
			amps.heartbeat.read-timeout        | 5s     | amps.heartbeat.read-timeout is set but amps.heartbeat.interval is not
			amps.reconnect.initial-delay       | -5ms   | amps.reconnect.initial-delay is PT-0.005S
			amps.reconnect.max-delay           | 0s     | amps.reconnect.max-delay is PT0S
			amps.reconnect.backoff-factor      | 0.5    | amps.reconnect.backoff-factor is 0.5
			amps.reconnect.jitter              | -1     | amps.reconnect.jitter is -1.0
			amps.reconnect.max-retry-time      | 0s     | amps.reconnect.max-retry-time is PT0S
			amps.publish-store.type            | file   | amps.publish-store.type is file but amps.publish-store.path is not set
			amps.publish-store.path            | /tmp/x | amps.publish-store.path is set but amps.publish-store.type is none
			amps.publish-store.initial-capacity| 10     | amps.publish-store.initial-capacity is set but amps.publish-store.type is none
			amps.bookmark-store.type           | file   | amps.bookmark-store.type is file but amps.bookmark-store.path is not set
			amps.bookmark-store.prune-threshold| 0B     | amps.bookmark-store.prune-threshold is 0B, but it must be a positive size
			amps.queue.ack-batch-size          | 0      | amps.queue.ack-batch-size is 0
			amps.queue.ack-timeout             | 0s     | amps.queue.ack-timeout is PT0S
			amps.publish-batching.size         | 64KB   | amps.publish-batching.size is set but amps.publish-batching.timeout is not
			amps.publish-batching.timeout      | 10ms   | amps.publish-batching.timeout is set but amps.publish-batching.size is not
			amps.password                      | secret-pw | amps.password is set but amps.username is not
			amps.ssl.bundle                    | missing | amps.ssl.bundle is 'missing'
			""")
	void anInvalidValueFailsStartupNamingThePropertyAndNothingStarts(String property, String value, String message) {
		this.contextRunner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			AmpsStartupException failure = AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains(message).doesNotContain("secret-pw");
			assertThat(failure.getAction()).isNotBlank();
		});
	}

	@Test
	void anUnknownEnumValueFailsBindingNamingTheProperty() {
		this.contextRunner.withPropertyValues("amps.publish-store.type=disk").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("disk");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("amps.publish-store.type");
		});
	}

	@Test
	void heartbeatReadTimeoutShorterThanTheIntervalIsRefused() {
		this.contextRunner.withPropertyValues("amps.heartbeat.interval=5s", "amps.heartbeat.read-timeout=2s")
			.run((context) -> assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("amps.heartbeat.read-timeout is PT2S, but it must be at least amps.heartbeat.interval"));
	}

	@Test
	void generatedMetadataDescribesEveryAmpsProperty() throws Exception {
		// Test sources generate metadata too (target/test-classes comes first): read every file.
		List<JsonNode> files = new ArrayList<>();
		for (java.net.URL url : java.util.Collections.list(
				getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				files.add(JsonMapper.builder().build().readTree(in));
			}
		}
		assertThat(files).as("generated configuration metadata").isNotEmpty();
		Set<String> described = new TreeSet<>();
		Set<String> undescribed = new TreeSet<>();
		for (JsonNode metadata : files) {
			for (JsonNode property : metadata.get("properties")) {
				String name = property.get("name").asString();
				if (!name.startsWith("amps.")) {
					continue;
				}
				if (property.hasNonNull("description") && !property.get("description").asString().isBlank()) {
					described.add(name);
				}
				else {
					undescribed.add(name);
				}
			}
		}
		assertThat(undescribed).isEmpty();
		assertThat(described).containsAll(List.of("amps.enabled", "amps.auto-startup", "amps.uri", "amps.username",
				"amps.password", "amps.client-name", "amps.logon-options", "amps.logon-correlation-data",
				"amps.first-connect-timeout", "amps.command-timeout", "amps.retry-on-disconnect",
				"amps.default-max-depth", "amps.heartbeat.interval", "amps.heartbeat.read-timeout",
				"amps.reconnect.strategy", "amps.reconnect.initial-delay", "amps.reconnect.max-delay",
				"amps.reconnect.backoff-factor", "amps.reconnect.jitter", "amps.reconnect.max-retry-time",
				"amps.publish-store.type", "amps.publish-store.initial-capacity", "amps.publish-store.path",
				"amps.bookmark-store.type", "amps.bookmark-store.path", "amps.bookmark-store.prune-threshold",
				"amps.queue.auto-ack",
				"amps.queue.ack-batch-size", "amps.queue.ack-timeout", "amps.ssl.bundle", "amps.publish-batching.size",
				"amps.publish-batching.timeout", "amps.template.timeout", "amps.shutdown.flush-timeout"));
	}

	@Configuration(proxyBeanMethods = false)
	static class StrategyBeans {

		final List<String> customized = new ArrayList<>();

		@Bean
		ExceptionListener exceptionListener() {
			return (ex) -> {
			};
		}

		@Bean
		FailedWriteHandler failedWriteHandler() {
			return (message, reason) -> {
			};
		}

		@Bean
		ReconnectDelayStrategy reconnectDelayStrategy() {
			return new FixedDelayStrategy(50);
		}

		@Bean
		SubscriptionManager subscriptionManager() {
			return new MemorySubscriptionManager();
		}

		@Bean
		Store publishStore() throws Exception {
			return new MemoryPublishStore(10);
		}

		@Bean
		BookmarkStore bookmarkStore() {
			return new MemoryBookmarkStore();
		}

		@Bean
		Authenticator authenticator() {
			return new Authenticator() {
				@Override
				public String authenticate(String username, String password) {
					return password;
				}

				@Override
				public String retry(String username, String password) {
					return password;
				}

				@Override
				public void completed(String username, String password, int reason) {
				}
			};
		}

		@Bean
		ThreadCreatedHandler threadCreatedHandler() {
			return () -> {
			};
		}

		@Bean
		TransportFilter transportFilter() {
			return new TransportFilter() {
				@Override
				public void outgoing(java.nio.ByteBuffer data) {
				}

				@Override
				public void incoming(java.nio.ByteBuffer data) {
				}
			};
		}

		@Bean
		FailedResubscribeHandler failedResubscribeHandler() {
			return (message, handler, requestedAcks, exception) -> false;
		}

		@Bean
		@Order(2)
		AmpsClientCustomizer second() {
			return (client) -> this.customized.add("second");
		}

		@Bean
		@Order(1)
		AmpsClientCustomizer first() {
			return (client) -> this.customized.add("first");
		}

	}

}
