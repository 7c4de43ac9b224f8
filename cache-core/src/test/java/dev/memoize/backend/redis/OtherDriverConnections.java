package dev.memoize.backend.redis;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Real connections to a real server, presented as those of a driver other than Lettuce
 * (Jedis, say): every call reaches the Lettuce connection, except that its native
 * connection is some other object. Counts the pipelines opened.
 */
final class OtherDriverConnections {

	private final AtomicInteger pipelines = new AtomicInteger();

	private final RedisConnectionFactory factory;

	OtherDriverConnections(RedisConnectionFactory lettuce) {
		this.factory = proxy(RedisConnectionFactory.class, lettuce, (method, result) -> {
			if (method.getName().equals("getConnection")) {
				return proxy(RedisConnection.class, result, this::connectionResult);
			}
			return result;
		});
	}

	RedisConnectionFactory factory() {
		return this.factory;
	}

	int pipelines() {
		return this.pipelines.get();
	}

	private Object connectionResult(Method method, Object result) {
		if (method.getName().equals("openPipeline")) {
			this.pipelines.incrementAndGet();
		}
		return method.getName().equals("getNativeConnection") ? new Object() : result;
	}

	private static <T> T proxy(Class<T> type, Object target, ResultRewrite rewrite) {
		InvocationHandler handler = (proxy, method, arguments) -> {
			try {
				return rewrite.apply(method, method.invoke(target, arguments));
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return type.cast(Proxy.newProxyInstance(OtherDriverConnections.class.getClassLoader(), new Class<?>[] { type },
				handler));
	}

	@FunctionalInterface
	private interface ResultRewrite {

		Object apply(Method method, Object result);

	}

}
