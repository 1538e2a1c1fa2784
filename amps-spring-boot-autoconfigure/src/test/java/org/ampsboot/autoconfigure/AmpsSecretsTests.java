package org.ampsboot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link AmpsSecrets} takes for a secret, and what its mask keeps readable.
 */
class AmpsSecretsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			--amps.uri=tcp://u:p1@h1:9007/amps/json,tcp://u:p2@h2:9007/amps/json --x=1 | --amps.uri=tcp://u:******@h1:9007/amps/json,tcp://u:******@h2:9007/amps/json --x=1
			tcps://bob:p@ss:w@rd@host:9007/amps/json                                   | tcps://bob:******@host:9007/amps/json
			{\\"uri\\":\\"https://app:pw@db:5432/x\\",\\"a\\":\\"b@c\\"}                | {\\"uri\\":\\"https://app:******@db:5432/x\\",\\"a\\":\\"b@c\\"}
			'{"uri":"tcp://app:pw@db:5432","mail":"a@b"}'                              | '{"uri":"tcp://app:******@db:5432","mail":"a@b"}'
			https://host:8080/users/a@b                                                | https://host:8080/users/a@b
			tcp://host:9007/amps/json mail me at bob@example.com                       | tcp://host:9007/amps/json mail me at bob@example.com
			tcp://bob@host:9007/amps/json                                              | tcp://bob@host:9007/amps/json
			""")
	void masksThePasswordOfEveryUriWithUserInfoAndNothingElse(String text, String masked) {
		assertThat(AmpsSecrets.of(new MockEnvironment()).mask(text)).isEqualTo(masked);
	}

	@Test
	void takesEveryConfiguredPasswordOfEveryPropertySourceInEveryForm() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("amps.password", "${VAULT_PW}", "amps.clients.orders.uri[0]",
					"tcp://svc:uri%2Fpw@host:9007/amps/json", "amps.clients.market.password", "json\"pw", "vault.pw",
					"vault-secret")));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("VAULT_PW", "p w+1", "AMPS_PASSWORD", "old-password", "AMPS_URI", "tcp://a:env-pw@h:1/amps/json")));
		AmpsSecrets secrets = AmpsSecrets.of(environment);
		// The placeholder resolved, the value it overrides, percent-encoded and decoded forms.
		assertThat(secrets.mask("p w+1 / p%20w%2B1 / old-password / env-pw / uri%2Fpw / uri/pw"))
			.isEqualTo("****** / ****** / ****** / ****** / ****** / ******");
		// As JSON escapes it; and the raw one.
		assertThat(secrets.mask("{\"password\":\"json\\\"pw\"} json\"pw")).isEqualTo("{\"password\":\"******\"} ******");
		// Properties that are not AMPS passwords stay.
		assertThat(secrets.mask("vault-secret ${VAULT_PW}")).isEqualTo("vault-secret ${VAULT_PW}");
	}

	@Test
	void aLongerSecretIsMaskedWholeEvenWhenAShorterOneIsPartOfIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("amps.password", "abcd")
			.withProperty("amps.clients.orders.password", "abcdefgh");
		assertThat(AmpsSecrets.of(environment).mask("x abcdefgh y abcd z")).isEqualTo("x ****** y ****** z");
	}

	@Test
	void aValueHoldingAVeryShortPasswordIsMaskedWhole() {
		MockEnvironment environment = new MockEnvironment().withProperty("amps.password", "pw7");
		AmpsSecrets secrets = AmpsSecrets.of(environment);
		assertThat(secrets.mask("java -jar app.jar --amps.password=pw7")).isEqualTo("******");
		assertThat(secrets.mask("/usr/lib/jvm")).isEqualTo("/usr/lib/jvm");
	}

}
