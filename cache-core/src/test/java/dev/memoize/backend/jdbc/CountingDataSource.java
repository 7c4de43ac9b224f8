package dev.memoize.backend.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that counts the statements prepared or created on its real connections,
 * so a test can tell how many queries an operation sent.
 */
final class CountingDataSource extends DelegatingDataSource {

	private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

	private final AtomicInteger statements = new AtomicInteger();

	CountingDataSource(DataSource target) {
		super(target);
	}

	/**
	 * The statements counted since the last reset.
	 * @return the count
	 */
	int statements() {
		return this.statements.get();
	}

	/**
	 * Starts counting from zero.
	 */
	void reset() {
		this.statements.set(0);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return counting(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return counting(super.getConnection(username, password));
	}

	private Connection counting(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, arguments) -> {
					if (STATEMENT_METHODS.contains(method.getName())) {
						this.statements.incrementAndGet();
					}
					try {
						return method.invoke(connection, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
