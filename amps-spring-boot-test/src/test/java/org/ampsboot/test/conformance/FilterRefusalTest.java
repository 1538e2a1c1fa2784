package org.ampsboot.test.conformance;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.BadFilterException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test server's loud refusal of valid AMPS filters it does not implement: a failure ack whose reason is
 * {@code not supported by the AMPS test server: <what>}, not {@code bad filter}. Test server only.
 */
class FilterRefusalTest {

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	@Test
	@DisplayName("A documented but unimplemented function (LENGTH) is refused as not supported, not as a bad filter")
	void unimplementedFunctionIsRefusedLoudly() throws Exception {
		this.amps.testServer("the loud refusal is the test server's own");
		Client client = this.amps.client("refused");
		AMPSException refused = catchThrowableOfType(AMPSException.class,
				() -> client.subscribe((message) -> {
				}, "orders", "LENGTH(/sym) = 3", AmpsUnderTest.TIMEOUT.toMillis()));
		assertThat(refused).isNotNull().isNotInstanceOf(BadFilterException.class);
		assertThat(refused.getMessage()).contains("not supported by the AMPS test server: filter function LENGTH");
	}

	@Test
	@DisplayName("A bracketed identifier is refused as not supported; an invalid filter stays a bad filter")
	void bracketedIdentifierIsRefusedLoudly() throws Exception {
		this.amps.testServer("the loud refusal is the test server's own");
		Client client = this.amps.client("refused");
		AMPSException refused = catchThrowableOfType(AMPSException.class,
				() -> client.subscribe((message) -> {
				}, "orders", "[/my field] = 1", AmpsUnderTest.TIMEOUT.toMillis()));
		assertThat(refused).isNotNull().isNotInstanceOf(BadFilterException.class);
		assertThat(refused.getMessage()).contains("not supported by the AMPS test server: bracketed identifier");
		assertThatExceptionOfType(BadFilterException.class).isThrownBy(() -> client.subscribe((message) -> {
		}, "orders", "UPPER() = 'X'", AmpsUnderTest.TIMEOUT.toMillis()));
	}

}
