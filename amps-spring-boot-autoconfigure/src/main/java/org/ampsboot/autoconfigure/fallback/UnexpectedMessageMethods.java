package org.ampsboot.autoconfigure.fallback;

import java.util.List;

/**
 * Where a client's lifecycle finds the {@link org.ampsboot.AmpsUnexpectedMessage @AmpsUnexpectedMessage}
 * methods when it starts. The annotation processor of the listener package implements it (it
 * finds these methods in the same pass as the listener methods), so the client package needs
 * only this package, not the listener one.
 * <p>
 * Internal: not API (public only because the annotation processor and the client's lifecycle
 * live in other packages).
 */
public interface UnexpectedMessageMethods {

	/**
	 * Returns the methods found so far, ordered by {@code @Order} (stable for equal orders).
	 */
	List<UnexpectedMessageMethod> getMethods();

}
