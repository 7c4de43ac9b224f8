package dev.memoize.support;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Decides whether a live value can be served as a declared type without conversion.
 *
 * <p>
 * Values a method returned fit its type. Values that arrived another way (a feed's
 * answer, an entry copied from a persistent cache) may be plain JSON shapes: a
 * {@code Map} where a record is declared, or a list of maps where a list of records is.
 * Checking every element of a large collection on each hit would cost more than the hit
 * itself, so a collection or map is judged by its first element or value, which is enough
 * to tell a plain JSON shape from the method's own result.
 */
final class LiveValues {

	private LiveValues() {
	}

	static boolean fits(Object value, ResolvableType type) {
		if (!ClassUtils.isAssignableValue(type.toClass(), value)) {
			return false;
		}
		if (!type.hasGenerics()) {
			return true;
		}
		if (value instanceof Collection<?> collection) {
			return firstFits(collection.iterator(), type.asCollection().getGeneric(0));
		}
		if (value instanceof Map<?, ?> map) {
			return firstFits(map.values().iterator(), type.asMap().getGeneric(1));
		}
		return true;
	}

	private static boolean firstFits(Iterator<?> elements, ResolvableType elementType) {
		if (!elements.hasNext()) {
			return true;
		}
		Object first = elements.next();
		return first == null || fits(first, elementType);
	}

}
