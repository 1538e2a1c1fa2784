package org.ampsboot.autoconfigure.client;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.StartupFailures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;


class AmpsUrisTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			tcp://bob:secret@host:9007/amps/json      | tcp://bob:******@host:9007/amps/json
			tcp://bob@host:9007/amps/json             | tcp://bob@host:9007/amps/json
			tcp://host:9007/amps/json                 | tcp://host:9007/amps/json
			tcps://bob:p@ss:w@rd@host:9007/amps/json  | tcps://bob:******@host:9007/amps/json
			bob:secret@host:9007                      | bob:******@host:9007
			""")
	void masksThePasswordOfTheUserInfo(String uri, String masked) {
		assertThat(AmpsUris.mask(uri)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			tcp://bob:se/cr3t@host:9007/amps/json
			tcp://bob:se cr3t@host:9007/amps/json
			tcp://bob:se#cr3t@host:9007/amps/json
			tcp://bob:se?cr3t@host/amps/json
			tcp://bob:se@cr3t@host:9007
			tcp//bob:secr3t@host:9007/amps/json
			ftp://bob:secr3t@host:9007/amps/json
			bob:secr3t@host:9007/amps/json
			tcp://bob:secr3t@host:9007/amps/json/extra
			tcp://bob:secr3t@:9007/amps/json
			""")
	void anInvalidUriFailsStartupWithoutItsPassword(String uri) {
		assertThatExceptionOfType(AmpsStartupException.class)
			.isThrownBy(() -> AmpsUris.validate(List.of("tcp://ok:fine@host:9007/amps/json", uri), "amps.uri"))
			.satisfies((failure) -> assertThat(failure.getMessage() + StartupFailures.action(failure))
				.contains("amps.uri")
				.doesNotContain("cr3t")
				.doesNotContain("fine"));
	}

	@Test
	void redactorRemovesPasswordsFromAnyText() {
		Redactor redactor = new Redactor(List.of("tcp://bob:s%40cret@host:9007/amps/json"));
		assertThat(redactor.redact("failed for tcp://bob:s%40cret@host:9007/amps/json with s@cret"))
			.doesNotContain("s%40cret")
			.doesNotContain("s@cret");
	}

}
