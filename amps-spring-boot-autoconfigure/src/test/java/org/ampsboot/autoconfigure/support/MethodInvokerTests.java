package org.ampsboot.autoconfigure.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;


/**
 * Handler methods are called through generated classes, not reflection, whatever their
 * visibility, and what they throw arrives unchanged.
 */
class MethodInvokerTests {

	static class Target {

		final List<String> calls = new ArrayList<>();

		void none() {
			this.calls.add("none");
		}

		private void one(String a) {
			this.calls.add("one:" + a);
		}

		public String two(String a, Integer b) {
			this.calls.add("two:" + a + b);
			return "ignored";
		}

		protected void four(String a, String b, String c, String d) {
			this.calls.add("four:" + a + b + c + d);
		}

		void five(String a, String b, String c, String d, String e) {
			this.calls.add("five:" + a + b + c + d + e);
		}

		void fails(String a) {
			throw new IllegalStateException("failed: " + a);
		}

	}

	private static Method method(String name) {
		for (Method method : Target.class.getDeclaredMethods()) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new AssertionError(name);
	}

	@Test
	void callsMethodsOfAnyVisibilityThroughGeneratedClassesUpToFourParameters() throws Throwable {
		Target target = new Target();
		for (String name : new String[] { "none", "one", "two", "four" }) {
			assertThat(MethodInvoker.of(target, method(name)).getClass().getSimpleName()).as(name).startsWith("Invoker");
		}
		MethodInvoker.of(target, method("none")).invoke(new Object[0]);
		MethodInvoker.of(target, method("one")).invoke(new Object[] { "x" });
		MethodInvoker.of(target, method("two")).invoke(new Object[] { "y", 2 });
		MethodInvoker.of(target, method("four")).invoke(new Object[] { "a", "b", "c", "d" });
		MethodInvoker five = MethodInvoker.of(target, method("five"));
		assertThat(five.getClass().getSimpleName()).isEqualTo("Reflective");
		five.invoke(new Object[] { "1", "2", "3", "4", "5" });
		assertThat(target.calls).containsExactly("none", "one:x", "two:y2", "four:abcd", "five:12345");
	}

	@Test
	void whatTheMethodThrowsArrivesUnchanged() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MethodInvoker.of(new Target(), method("fails")).invoke(new Object[] { "z" }))
			.withMessage("failed: z");
	}

	@Test
	void callsThroughAClassProxy() throws Throwable {
		Target target = new Target();
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		Object proxy = factory.getProxy();
		Method invocable = AopUtils.selectInvocableMethod(method("two"), proxy.getClass());
		MethodInvoker.of(proxy, invocable).invoke(new Object[] { "p", 1 });
		assertThat(target.calls).containsExactly("two:p1");
	}

}
