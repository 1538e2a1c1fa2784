package org.ampsboot.testcontainers;

import java.util.List;

import org.ampsboot.autoconfigure.AmpsConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link AmpsConnectionDetails} from a
 * {@link ServiceConnection @ServiceConnection}-annotated {@link AmpsContainer}. Any connection
 * name is accepted: the image name is yours, so the container type decides.
 */
class AmpsContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<AmpsContainer, AmpsConnectionDetails> {

	@Override
	protected AmpsConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<AmpsContainer> source) {
		return new AmpsContainerConnectionDetails(source);
	}

	/**
	 * {@link AmpsConnectionDetails} backed by the container: its URI is read when the client is
	 * built, after the container has started.
	 */
	private static final class AmpsContainerConnectionDetails extends ContainerConnectionDetails<AmpsContainer>
			implements AmpsConnectionDetails {

		private AmpsContainerConnectionDetails(ContainerConnectionSource<AmpsContainer> source) {
			super(source);
		}

		@Override
		public List<String> getUris() {
			return List.of(getContainer().getUri());
		}

	}

}
