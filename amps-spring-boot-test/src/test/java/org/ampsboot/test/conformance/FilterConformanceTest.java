package org.ampsboot.test.conformance;

import java.util.ArrayList;
import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.AMPSException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content filters on a SOW query, as the AMPS User Guide's "AMPS Expressions" and "AMPS Functions" pages document
 * them: integer arithmetic ("Arithmetic Operators"), {@code IS NAN} with {@code NAN_VALUE()} ("Typed Value
 * Creation"), and string and NULL functions ("Managing String Case", "String Comparison Functions", "Finding
 * Non-NULL Values").
 */
class FilterConformanceTest {

	private static final String TOPIC = "conformance-filter";

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	private Client client;

	@BeforeEach
	void publishRecords() throws AMPSException {
		this.amps.sowTopic(TOPIC, "/id");
		this.client = this.amps.client("filter");
		this.client.publish(TOPIC, "{\"id\":1,\"qty\":1,\"sym\":\"ibm\"}");
		this.client.publish(TOPIC, "{\"id\":2,\"qty\":5,\"sym\":\"msft\"}");
		this.client.publish(TOPIC, "{\"id\":3,\"qty\":10,\"sym\":\"IBM\",\"alias\":\"big blue\"}");
		this.client.publishFlush(AmpsUnderTest.TIMEOUT.toMillis());
	}

	@Test
	@DisplayName("Integer divided by integer is an integer: /qty / 5 = 0 matches only qty 1 ('Arithmetic Operators')")
	void integerDividedByIntegerIsAnInteger() throws Exception {
		assertThat(ids("/qty / 5 = 0")).containsExactly(1L);
		assertThat(ids("/qty / 5 = 2")).containsExactly(3L);
	}

	@Test
	@DisplayName("An integer and a floating point number divide as floating point: /qty / 5.0 = 0.2")
	void mixedDivisionIsFloatingPoint() throws Exception {
		assertThat(ids("/qty / 5.0 = 0.2")).containsExactly(1L);
	}

	@Test
	@DisplayName("MOD and % keep the sign of the first argument: -5 % 3 is -2, 5 % -3 is 2")
	void moduloKeepsTheSignOfTheFirstArgument() throws Exception {
		assertThat(ids("-5 % 3 = -2 AND 5 % -3 = 2 AND /qty MOD 3 = 1")).containsExactly(1L, 3L);
	}

	@Test
	@DisplayName("IS NAN is true for NAN_VALUE() and false for a number field; IS NOT NAN the opposite")
	void isNanTellsNaNFromNumbers() throws Exception {
		assertThat(ids("NAN_VALUE() IS NAN AND /id = 2")).containsExactly(2L);
		assertThat(ids("/qty IS NAN")).isEmpty();
		assertThat(ids("/qty IS NOT NAN AND /qty > 1")).containsExactly(2L, 3L);
	}

	@Test
	@DisplayName("UPPER, INSTR and COALESCE evaluate as 'AMPS Functions' documents them")
	void stringAndNullFunctions() throws Exception {
		assertThat(ids("UPPER(/sym) = 'IBM'")).containsExactly(1L, 3L);
		assertThat(ids("INSTR(/sym, 'bm') = 2")).containsExactly(1L);
		assertThat(ids("COALESCE(/alias, /sym) = 'msft'")).containsExactly(2L);
	}

	private List<Long> ids(String filter) throws AMPSException {
		List<Long> ids = new ArrayList<>();
		try (MessageStream stream = this.client.sow(TOPIC, filter)) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					String data = message.getData();
					ids.add(Long.valueOf(data.replaceAll(".*\"id\":(\\d+).*", "$1")));
				}
			}
		}
		ids.sort(null);
		return ids;
	}

}
