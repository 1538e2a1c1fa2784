package org.ampsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean that receives every message the AMPS client cannot route to
 * any other handler, like a {@link LastChanceMessageHandler} bean.
 * <p>
 * The method may declare, in any order, parameters of these types:
 * <ul>
 * <li>{@link com.crankuptheamps.client.Message}: the unclaimed message (valid only until the
 * method returns; {@code copy()} it to keep it);</li>
 * <li>{@link com.crankuptheamps.client.Client}: the client that received it.</li>
 * </ul>
 * Any other parameter fails application startup with a message naming the method. A return
 * value is ignored. Methods are called after every {@code LastChanceMessageHandler} bean,
 * ordered by {@code @Order} on the method, else by the order of their bean. Proxied beans and
 * meta-annotations are supported. Only singleton beans are scanned.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AmpsUnexpectedMessage {

	/**
	 * The named client ({@code amps.clients.<name>}) whose unexpected messages this method
	 * receives; empty for every client (declare a {@code Client} parameter to know which).
	 * @return the client name
	 */
	String client() default "";

}
