package org.ampsboot.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.StringUtils;

/**
 * Checks the clients of one application against each other before one is built: two clients
 * with one client name would take turns disconnecting each other ({@code NameInUseException}
 * after the first-connect timeout), and two stores on one file would overwrite each other's
 * records. The client does not lock its store files, so nothing else would notice.
 */
final class AmpsClientsValidator {

	private AmpsClientsValidator() {
	}

	/**
	 * Fails startup when two of the application's clients share a client name or a store file.
	 * @param properties every client's settings
	 * @param singleClient whether the single client under {@code amps} is configured
	 */
	static void validate(AmpsProperties properties, boolean singleClient) {
		Map<String, AmpsClientProperties> clients = new LinkedHashMap<>();
		if (singleClient) {
			clients.put("amps.", properties);
		}
		// Loops, not forEach with lambdas: each lambda is a class spun at start-up.
		for (Map.Entry<String, AmpsClientProperties> named : properties.getClients().entrySet()) {
			clients.put("amps.clients." + named.getKey() + ".", named.getValue());
		}
		Map<String, String> names = new LinkedHashMap<>();
		Map<Path, String> files = new LinkedHashMap<>();
		for (Map.Entry<String, AmpsClientProperties> entry : clients.entrySet()) {
			String prefix = entry.getKey();
			AmpsClientProperties client = entry.getValue();
			if (StringUtils.hasText(client.getClientName())) {
				String other = names.putIfAbsent(client.getClientName().trim(), prefix + "client-name");
				if (other != null) {
					throw new AmpsStartupException(other + " and " + prefix + "client-name are both '"
							+ client.getClientName().trim() + "': AMPS allows one connection per client name, so the two "
							+ "clients would disconnect each other.", "Give each client its own client name.");
				}
			}
			if (client.getPublishStore().getType() == AmpsClientProperties.StoreType.FILE) {
				file(files, client.getPublishStore().getPath(), prefix + "publish-store.path");
			}
			if (client.getBookmarkStore().getType() == AmpsClientProperties.StoreType.FILE) {
				file(files, client.getBookmarkStore().getPath(), prefix + "bookmark-store.path");
			}
		}
	}

	private static void file(Map<Path, String> files, String path, String property) {
		if (!StringUtils.hasText(path)) {
			return;
		}
		Path file = Path.of(path.trim()).toAbsolutePath().normalize();
		String other = files.putIfAbsent(file, property);
		if (other != null) {
			throw new AmpsStartupException(other + " and " + property + " are both the file '" + file
					+ "': the two stores would overwrite each other's records.", "Give each store its own file.");
		}
	}

}
