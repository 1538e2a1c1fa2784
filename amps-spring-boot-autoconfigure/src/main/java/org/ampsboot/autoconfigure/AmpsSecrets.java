package org.ampsboot.autoconfigure;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

import org.ampsboot.AmpsUriSanitizer;

/**
 * The AMPS passwords an application is configured with ({@code amps.password},
 * {@code amps.clients.<name>.password}, and the user-info of every {@code amps.uri} and
 * {@code amps.clients.<name>.uri}, in every property source, overridden values included),
 * collected once, and a mask that removes them, and the password of any URI with user-info,
 * from any text while keeping the rest of it readable.
 */
final class AmpsSecrets {

	/** Secrets shorter than this would garble every value: a value holding one is masked whole. */
	static final int SHORTEST_REPLACED = 4;

	private static final ConfigurationPropertyName AMPS = ConfigurationPropertyName.of("amps");

	/**
	 * {@code scheme://user:password@}: the password runs to the last {@code @} before the
	 * authority ends (so a raw {@code @} in it is hidden too) and never crosses a quote, a
	 * backslash (JSON escapes) or white space.
	 */
	private static final Pattern USER_INFO = Pattern
		.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:@/?#\"'\\\\]*:)[^\\s/?#\"'\\\\]*@");

	private final List<String> secrets;

	private AmpsSecrets(Set<String> secrets) {
		List<String> sorted = new ArrayList<>(secrets);
		// The longest first, so that no part of a longer secret survives a shorter one's mask.
		sorted.sort(Comparator.comparingInt(String::length).reversed());
		this.secrets = List.copyOf(sorted);
	}

	/**
	 * Collects the configured AMPS passwords of the environment.
	 * @param environment the environment
	 * @return the secrets
	 */
	static AmpsSecrets of(Environment environment) {
		Set<String> secrets = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(AMPS::isAncestorOf).forEach((name) -> {
				String kind = kind(name);
				ConfigurationProperty property = (kind != null) ? source.getConfigurationProperty(name) : null;
				if (property == null || property.getValue() == null) {
					return;
				}
				// Resolved as the binder sees it: application.yml's password: ${VAULT_PW} is the value of VAULT_PW.
				String value = environment.resolvePlaceholders(String.valueOf(property.getValue()));
				if ("password".equals(kind)) {
					addPassword(secrets, value);
				}
				else {
					for (String uri : value.split(",")) {
						addPassword(secrets, uriPassword(uri.trim()));
					}
				}
			});
		}
		return new AmpsSecrets(secrets);
	}

	/** {@code "password"}, {@code "uri"} or {@code null} for other AMPS properties. */
	private static String kind(ConfigurationPropertyName name) {
		ConfigurationPropertyName property = name;
		while (property.isLastElementIndexed() && property.getNumberOfElements() > 1) {
			property = property.getParent();
		}
		String last = property.getLastElement(ConfigurationPropertyName.Form.UNIFORM);
		if (last.endsWith("password")) {
			return "password";
		}
		return "uri".equals(last) ? "uri" : null;
	}

	private static String uriPassword(String uri) {
		int start = uri.indexOf("://");
		int at = uri.lastIndexOf('@');
		if (start < 0 || at < start) {
			return null;
		}
		int colon = uri.indexOf(':', start + 3);
		return (colon >= 0 && colon < at) ? uri.substring(colon + 1, at) : null;
	}

	private static void addPassword(Set<String> secrets, String password) {
		if (password == null || password.isEmpty()) {
			return;
		}
		secrets.add(password);
		// As HAClientFactory puts it into a URI, as a URI may carry it, and as JSON escapes it.
		secrets.add(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"));
		try {
			// Percent-decoding only: a '+' of a password is no space.
			secrets.add(URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			// Not percent-encoded: the raw form is there already.
		}
		secrets.add(password.replace("\\", "\\\\").replace("\"", "\\\""));
		secrets.remove("");
	}

	/**
	 * Returns the text with every configured password and the password of every URI with
	 * user-info replaced by {@value AmpsUriSanitizer#MASK}; the text as it was when it holds
	 * none. A text holding a secret shorter than {@value #SHORTEST_REPLACED} characters is
	 * masked whole.
	 * @param text any text, or {@code null}
	 * @return the text without the secrets
	 */
	String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		for (String secret : this.secrets) {
			if (result.contains(secret)) {
				if (secret.length() < SHORTEST_REPLACED) {
					return AmpsUriSanitizer.MASK;
				}
				result = result.replace(secret, AmpsUriSanitizer.MASK);
			}
		}
		if (result.indexOf("://") < 0 || result.indexOf('@') < 0) {
			return result;
		}
		Matcher matcher = USER_INFO.matcher(result);
		return matcher.find() ? matcher.replaceAll("$1" + Matcher.quoteReplacement(AmpsUriSanitizer.MASK) + "@")
				: result;
	}

}
