package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerEndpoint;
import org.ampsboot.listener.AmpsListenerEvent;
import org.ampsboot.listener.AmpsListenerRegistry;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.AmpsTestServerExtension;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14: listener containers with ids, a registry, their own lifecycle, filter replacement,
 * run-time registration and events, with the real client against the test server.
 */
class ListenerContainerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri())
			.withUserConfiguration(Listeners.class);
	}

	@Test
	void everyListenerIsAContainerInTheRegistryWithAStableDefaultIdUsedAsItsSubscriptionId() {
		runner().run((context) -> {
			AmpsListenerRegistry registry = context.getBean(AmpsListenerRegistry.class);
			assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("listeners.orders", "quiet");
			AmpsListenerContainer orders = registry.getListenerContainer("listeners.orders");
			assertThat(orders.isRunning()).isTrue();
			assertThat(orders.getTopic()).isEqualTo("ctr-orders");
			assertThat(orders.getPauseBehavior()).isEqualTo(AmpsListenerContainer.PauseBehavior.NOT_SUPPORTED);
			ReceivedFrame subscribe = this.amps.server().takeFrame("subscribe", WAIT);
			assertThat(subscribe.topic()).isEqualTo("ctr-orders");
			AmpsListenerContainer quiet = registry.getListenerContainer("quiet");
			assertThat(quiet.isRunning()).as("autoStartup = \"${quiet.start:false}\"").isFalse();
			assertThat(quiet.isSubscribed()).isFalse();
		});
	}

	@Test
	void twoListenersWithOneIdFailStartupNamingBothMethods() {
		runner().withUserConfiguration(DuplicateIds.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("have the same id 'quiet'")
				.hasMessageContaining("ListenerBean.quiet(String)")
				.hasMessageContaining("Again.again(String)");
		});
	}

	@Test
	void anAutoStartupThatIsNeitherTrueNorFalseFailsStartupNamingTheMethod() {
		runner().withPropertyValues("quiet.start=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("ListenerBean.quiet(String)")
				.hasMessageContaining("autoStartup = \"maybe\"");
		});
	}

	@Test
	void withTheClientStartedLaterByHandItsRunningContainersSubscribeOnceItLogsOn() {
		runner().withPropertyValues("amps.auto-startup=false").run((context) -> {
			Inbox inbox = context.getBean(Inbox.class);
			AmpsListenerContainer orders = context.getBean(AmpsListenerRegistry.class)
				.getListenerContainer("listeners.orders");
			assertThat(orders.isRunning()).isTrue();
			assertThat(orders.isSubscribed()).as("the client is not started").isFalse();
			context.getBean(HAClient.class).connectAndLogon();
			await().atMost(WAIT).until(orders::isSubscribed);
			assertThat(context.getBean(Events.class).ofType(AmpsListenerEvent.Started.class))
				.contains("listeners.orders");
			context.getBean(AmpsTemplate.class).publish("ctr-orders", "{\"id\":1}");
			assertThat(inbox.take()).isEqualTo("orders {\"id\":1}");
		});
	}

	@Test
	void aContainerStartsAndStopsFromTheRegistryAndAStoppedOneReceivesNothing() {
		runner().run((context) -> {
			Inbox inbox = context.getBean(Inbox.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			AmpsListenerContainer quiet = context.getBean(AmpsListenerRegistry.class).getListenerContainer("quiet");
			quiet.start();
			assertThat(quiet.isSubscribed()).isTrue();
			template.publish("ctr-quiet", "{\"n\":1}");
			assertThat(inbox.take()).isEqualTo("quiet {\"n\":1}");
			quiet.stop();
			assertThat(quiet.isRunning()).isFalse();
			assertThat(this.amps.server().takeFrame("unsubscribe", WAIT)).isNotNull();
			assertThat(quiet.isSubscribed()).isFalse();
			template.publish("ctr-quiet", "{\"n\":2}");
			// a fence: the other listener sees a later message, so the first one had its chance
			template.publish("ctr-orders", "{\"id\":\"fence\"}");
			assertThat(inbox.take()).isEqualTo("orders {\"id\":\"fence\"}");
			quiet.start();
			template.publish("ctr-quiet", "{\"n\":3}");
			assertThat(inbox.take()).isEqualTo("quiet {\"n\":3}");
			assertThat(context.getBean(Events.class).ofType(AmpsListenerEvent.Stopped.class)).containsExactly("quiet");
		});
	}

	@Test
	void replacingTheFilterOfARunningContainerChangesWhatItReceivesWithAmpsReplace() {
		runner().run((context) -> {
			Inbox inbox = context.getBean(Inbox.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			AmpsListenerContainer orders = context.getBean(AmpsListenerRegistry.class)
				.getListenerContainer("listeners.orders");
			template.publish("ctr-orders", "{\"id\":1,\"qty\":5}");
			assertThat(inbox.take()).isEqualTo("orders {\"id\":1,\"qty\":5}");
			orders.replaceFilter("/qty > 10");
			ReceivedFrame replace = await().atMost(WAIT)
				.until(() -> this.amps.server()
					.receivedFrames()
					.stream()
					.filter((frame) -> "subscribe".equals(frame.command())
							&& String.valueOf(frame.header("opts")).contains("replace"))
					.findFirst()
					.orElse(null), (frame) -> frame != null);
			assertThat(replace.header("filter")).isEqualTo("/qty > 10");
			assertThat(replace.header("sub_id")).as("the sub id of the subscription it replaces")
				.isEqualTo(this.amps.server()
					.receivedFrames()
					.stream()
					.filter((frame) -> "subscribe".equals(frame.command()) && "ctr-orders".equals(frame.topic()))
					.findFirst()
					.orElseThrow()
					.header("sub_id"));
			template.publish("ctr-orders", "{\"id\":2,\"qty\":5}");
			template.publish("ctr-orders", "{\"id\":3,\"qty\":50}");
			assertThat(inbox.take()).isEqualTo("orders {\"id\":3,\"qty\":50}");
			assertThat(orders.getFilter()).isEqualTo("/qty > 10");
		});
	}

	@Test
	void replacingTheFilterOfAStateOfTheWorldContainerSendsOnlyTheRecordsNewToTheResult() {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("ctr-positions", "/id").start()) {
			server.seed("ctr-positions", "{\"id\":1,\"qty\":5}", "{\"id\":2,\"qty\":50}", "{\"id\":3,\"qty\":500}");
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + server.uri())
				.withUserConfiguration(Positions.class)
				.run((context) -> {
					Inbox inbox = context.getBean(Inbox.class);
					AmpsListenerContainer positions = context.getBean(AmpsListenerRegistry.class)
						.getListenerContainer("positions");
					assertThat(positions.getPauseBehavior())
						.isEqualTo(AmpsListenerContainer.PauseBehavior.REQUERY_ON_RESUME);
					assertThat(List.of(inbox.take(), inbox.take())).containsExactlyInAnyOrder(
							"sow {\"id\":2,\"qty\":50}", "sow {\"id\":3,\"qty\":500}");
					// narrowed: record 3 stays and is not sent again; 60East documents no oof at replace time
					positions.replaceFilter("/qty > 100");
					// widened: records 1 and 2, new to the result since the last replace, are sent; 3 is not again
					positions.replaceFilter("/qty > 1");
					assertThat(List.of(inbox.take(), inbox.take())).containsExactlyInAnyOrder(
							"sow {\"id\":1,\"qty\":5}", "sow {\"id\":2,\"qty\":50}");
					context.getBean(AmpsTemplate.class).publish("ctr-positions", "{\"id\":4,\"qty\":7}");
					assertThat(inbox.take()).as("nothing else arrived before the live update")
						.isEqualTo("publish {\"id\":4,\"qty\":7}");
				});
		}
	}

	@Test
	void anEndpointRegisteredAtRunTimeReceivesTypedPayloadsUntilItIsUnregistered() {
		runner().run((context) -> {
			AmpsListenerRegistry registry = context.getBean(AmpsListenerRegistry.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			BlockingQueue<Order> received = new LinkedBlockingQueue<>();
			AmpsListenerContainer container = registry.register(AmpsListenerEndpoint.builder("big-orders", "ctr-big")
				.filter("/qty > 100")
				.payload(Order.class, received::add)
				.build());
			assertThat(container.isSubscribed()).isTrue();
			assertThat(registry.getListenerContainerIds()).contains("big-orders");
			template.publish("ctr-big", "{\"id\":1,\"qty\":5}");
			template.publish("ctr-big", "{\"id\":2,\"qty\":500}");
			assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(new Order(2, 500));
			assertThat(registry.unregister("big-orders")).isTrue();
			assertThat(registry.getListenerContainer("big-orders")).isNull();
			assertThat(this.amps.server().takeFrame("unsubscribe", WAIT)).isNotNull();
			assertThat(container.isSubscribed()).isFalse();
			assertThat(registry.unregister("big-orders")).isFalse();
		});
	}

	@Test
	void anEndpointWithTheIdOfAnExistingContainerIsRefusedNamingIt() {
		runner().run((context) -> {
			AmpsListenerRegistry registry = context.getBean(AmpsListenerRegistry.class);
			org.assertj.core.api.Assertions
				.assertThatIllegalArgumentException()
				.isThrownBy(() -> registry.register(
						AmpsListenerEndpoint.builder("quiet", "x").messages((message) -> { }).build()))
				.withMessageContaining("'quiet' exists already")
				.withMessageContaining("ListenerBean.quiet(String)");
		});
	}

	@Test
	void aRunningContainerThatReceivesNothingForTheIntervalPublishesIdleEvents() {
		runner().withPropertyValues("amps.listener.idle-event-interval=200ms").run((context) -> {
			Events events = context.getBean(Events.class);
			await().atMost(WAIT).until(() -> events.ofType(AmpsListenerEvent.Idle.class).contains("listeners.orders"));
			assertThat(events.ofType(AmpsListenerEvent.Idle.class)).as("a stopped container is never idle")
				.doesNotContain("quiet");
		});
	}

	record Order(int id, int qty) {
	}

	static class Inbox {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		String take() throws InterruptedException {
			String next = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery within %s", WAIT).isNotNull();
			return next;
		}

	}

	/** Every container event, as "Type id". */
	static class Events implements ApplicationListener<AmpsListenerEvent> {

		final List<AmpsListenerEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AmpsListenerEvent event) {
			this.events.add(event);
		}

		List<String> ofType(Class<? extends AmpsListenerEvent> type) {
			return this.events.stream().filter(type::isInstance).map(AmpsListenerEvent::getId).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		@Bean
		Inbox inbox() {
			return new Inbox();
		}

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		ListenerBean listeners(Inbox inbox) {
			return new ListenerBean(inbox);
		}

	}

	static class ListenerBean {

		private final Inbox inbox;

		ListenerBean(Inbox inbox) {
			this.inbox = inbox;
		}

		@AmpsListener(topic = "ctr-orders")
		void orders(String payload, @AmpsHeader(AmpsHeader.Field.SUB_ID) String subId) {
			this.inbox.received.add(((subId != null) ? "orders " : "no sub id ") + payload);
		}

		@AmpsListener(id = "quiet", topic = "ctr-quiet", autoStartup = "${quiet.start:false}")
		void quiet(String payload) {
			this.inbox.received.add("quiet " + payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Positions {

		@Bean
		Inbox inbox() {
			return new Inbox();
		}

		@Bean
		PositionListener positionListener(Inbox inbox) {
			return new PositionListener(inbox);
		}

	}

	static class PositionListener {

		private final Inbox inbox;

		PositionListener(Inbox inbox) {
			this.inbox = inbox;
		}

		@AmpsListener(id = "positions", topic = "ctr-positions", filter = "/qty > 10",
				kind = AmpsListener.Kind.SOW_AND_SUBSCRIBE, options = "oof")
		void position(String payload, @AmpsHeader(AmpsHeader.Field.COMMAND) String command) {
			this.inbox.received.add(command + " " + payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateIds {

		@Bean
		Again again() {
			return new Again();
		}

	}

	static class Again {

		@AmpsListener(id = "quiet", topic = "ctr-again")
		void again(String payload) {
		}

	}

}
