package org.tasktracker.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The SQL that the tests' own code sends through a {@link JdbcClient} (set-up, checks),
 * apart from the SQL the service sends, so that OwnerRoutingIntegrationTests can tell a
 * test's statement in pg_stat_statements from the service's: pg_stat_statements keeps no
 * trace of who sent a statement, and both share one server and one user. Every test
 * context's {@code JdbcClient} beans are wrapped (a context customizer, registered in
 * {@code META-INF/spring.factories}, so that slices such as {@code @JdbcTest} get it
 * too), as are {@link TestSetupJdbc}'s clients. The text is kept as {@link #placeholders}
 * reads it. One surefire fork runs every test class (the default), so one JVM sees them
 * all.
 */
public final class TestStatements {

	private static final Set<String> FROM_TESTS = ConcurrentHashMap.newKeySet();

	private static final Set<String> FROM_SERVICE = ConcurrentHashMap.newKeySet();

	private TestStatements() {
	}

	/**
	 * Whether a statement was sent by the tests' code and never by the service's through
	 * a recorded client.
	 */
	public static boolean onlyFromTests(String sql) {
		String key = placeholders(sql);
		return FROM_TESTS.contains(key) && !FROM_SERVICE.contains(key);
	}

	/**
	 * Lower case, line comments dropped, white space collapsed, and every literal and
	 * parameter (named, {@code ?}, {@code $1}; a list of them as one) one mark, so that a
	 * statement reads the same as sent and as pg_stat_statements shows it (constants as
	 * $1, $2, ...).
	 */
	public static String placeholders(String sql) {
		return sql.replaceAll("--[^\n]*", " ")
			.replaceAll("\\s+", " ")
			.trim()
			.toLowerCase(Locale.ROOT)
			.replaceAll("(?:\\b[ebxn])?'(?:[^']|'')*'", "?")
			.replaceAll("\\$\\d+", "?")
			.replaceAll("(?<![:\\w]):[a-z_]\\w*", "?")
			.replaceAll("\\b\\d+(?:\\.\\d+)?\\b", "?")
			.replaceAll("\\b(?:true|false|null)\\b", "?")
			.replaceAll("\\?(?:\\s*,\\s*\\?)+", "?")
			.replaceAll("\\s*;\\s*$", "");
	}

	/** A connection whose statements all count as the tests' own. */
	static Connection fromTests(Connection connection) {
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					Object result = invoke(connection, method, args);
					if (args != null && args.length > 0 && args[0] instanceof String sql
							&& (method.getName().startsWith("prepare"))) {
						FROM_TESTS.add(placeholders(sql));
					}
					if (result instanceof Statement statement && !(result instanceof PreparedStatement)) {
						return fromTests(statement);
					}
					return result;
				});
	}

	private static Statement fromTests(Statement statement) {
		return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] { Statement.class },
				(proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql
							&& (method.getName().startsWith("execute") || method.getName().equals("addBatch"))) {
						FROM_TESTS.add(placeholders(sql));
					}
					return invoke(statement, method, args);
				});
	}

	private static JdbcClient wrap(JdbcClient client) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("sql") && args != null && args.length == 1 && args[0] instanceof String sql) {
				(calledFromTests() ? FROM_TESTS : FROM_SERVICE).add(placeholders(sql));
			}
			return invoke(client, method, args);
		};
		return (JdbcClient) Proxy.newProxyInstance(JdbcClient.class.getClassLoader(),
				new Class<?>[] { JdbcClient.class }, handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** The nearest of the project's classes that called: from target/test-classes? */
	private static boolean calledFromTests() {
		return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
			.walk((frames) -> frames.map(StackWalker.StackFrame::getDeclaringClass)
				.filter((type) -> type.getName().startsWith("org.tasktracker.")
						&& !type.getName().startsWith(TestStatements.class.getName()))
				.findFirst())
			.map(TestStatements::isTestClass)
			.orElse(false);
	}

	private static boolean isTestClass(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		return source != null && source.getLocation().getPath().contains("/test-classes/");
	}

	/** Wraps the {@code JdbcClient} beans of every test context. */
	public static final class CustomizerFactory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new Customizer();
		}

	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof JdbcClient client && !Proxy.isProxyClass(bean.getClass())) ? wrap(client)
							: bean;
				}

			});
		}

		// One customizer for every context: it must not split Spring's context cache.
		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
