/**
 * Listener containers: every {@link org.ampsboot.AmpsListener @AmpsListener} method, and every
 * endpoint registered at run time, is a named {@link org.ampsboot.listener.AmpsListenerContainer}
 * with its own lifecycle, found in the {@link org.ampsboot.listener.AmpsListenerRegistry}, and
 * reported through {@link org.ampsboot.listener.AmpsListenerEvent application events}. What
 * happens when a listener fails: {@link org.ampsboot.listener.RetryingListenerErrorHandler} (the
 * default error handler), {@link org.ampsboot.listener.AmpsListenerRecoverer} and
 * {@link org.ampsboot.listener.AmpsDeadLetter}.
 */
package org.ampsboot.listener;
