package dev.memoize.stored;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Classes a hostile stored value names, each recording in {@link #INSTANTIATIONS} that it
 * came to life: by its constructor or setter (JSON), or by its {@code readObject} or
 * {@code readResolve} (Java serialization).
 */
final class Gadgets {

	/** How many times any gadget was created or deserialized. */
	static final AtomicInteger INSTANTIATIONS = new AtomicInteger();

	private Gadgets() {
	}

	/**
	 * What a JSON payload names.
	 */
	public static class JsonGadget {

		/**
		 * Records that it was created.
		 */
		public JsonGadget() {
			INSTANTIATIONS.incrementAndGet();
		}

		/**
		 * Records that a property was set.
		 * @param command ignored
		 */
		public void setCommand(String command) {
			INSTANTIATIONS.incrementAndGet();
		}

	}

	/**
	 * Another gadget, with no properties.
	 */
	public static class Unrelated {

		/**
		 * Records that it was created.
		 */
		public Unrelated() {
			INSTANTIATIONS.incrementAndGet();
		}

	}

	/**
	 * An application type that opts in to class-name type ids for its own subtypes.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	public interface Shape {

	}

	/**
	 * The application's own {@link Shape}.
	 *
	 * @param radius the radius
	 */
	public record Circle(double radius) implements Shape {

	}

	/**
	 * A Java-serialized gadget whose {@code readObject} has a side effect.
	 */
	static class ReadObjectGadget implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		@Serial
		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			INSTANTIATIONS.incrementAndGet();
			in.defaultReadObject();
		}

	}

	/**
	 * A Java-serialized gadget whose {@code readResolve} has a side effect.
	 */
	static class ReadResolveGadget implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		@Serial
		private Object readResolve() {
			INSTANTIATIONS.incrementAndGet();
			return this;
		}

	}

	/**
	 * An allow-listed class with a field of any type, where a gadget can hide.
	 */
	static class Envelope implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		final Object content;

		Envelope(Object content) {
			this.content = content;
		}

	}

}
