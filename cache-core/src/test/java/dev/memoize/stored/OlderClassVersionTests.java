package dev.memoize.stored;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ResolvableType;

import dev.memoize.backend.RawStore;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value written by an older version of its class is a miss, never a half-filled object:
 * a record stored as JSON and read back as a class that renamed a field, removed one or
 * added one, a bean that lost a property, and a Java-serialized value whose class has
 * since changed its {@code serialVersionUID}. Each is computed again, its fresh value
 * returned and stored in its place, and one error counted; the same class reads its own
 * stored value as a hit. Over every persistent backend.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OlderClassVersionTests {

	private static final byte[] STORED_V1 = "{\"text\":\"old\",\"score\":3}".getBytes(UTF_8);

	@TempDir
	Path directory;

	static List<StoreKind> stores() {
		return StoreKind.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void valueOfAnOlderClassVersionIsAMissComputedAgainAndReplaced(StoreKind kind) throws Throwable {
		List<Stale> cases = List.of(
				new Stale("record with a renamed field", json(STORED_V1), Renamed.class, new Renamed("fresh", 1)),
				new Stale("record with a removed field", json(STORED_V1), Removed.class, new Removed("fresh")),
				new Stale("record with an added field", json(STORED_V1), Added.class, new Added("fresh", 1, "m")),
				new Stale("bean with a removed property", json(STORED_V1), Bean.class, new Bean("fresh")),
				new Stale("Java-serialized class whose serialVersionUID changed", olderVersioned(), Versioned.class,
						new Versioned("fresh")));
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, List.of(Versioned.class.getName()));
			for (int i = 0; i < cases.size(); i++) {
				Stale stale = cases.get(i);
				MemoKey key = caches.key(i);
				caches.writeRaw(key, stale.stored());
				ResolvableType type = ResolvableType.forClass(stale.declared());

				StoredCache.Call call = caches.call(key, type, stale.fresh());
				assertThat(call.value()).as(stale.name()).isEqualTo(stale.fresh());
				assertThat(call.computed()).as(stale.name()).isEqualTo(1);
				assertThat(call.stats().errors()).as(stale.name()).isEqualTo(1);

				StoredCache.Call again = caches.call(key, type, "computed again");
				assertThat(again.value()).as(stale.name()).isEqualTo(stale.fresh());
				assertThat(again.computed()).as(stale.name()).isZero();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void valueOfTheSameClassVersionIsAHit(StoreKind kind) throws Throwable {
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, List.of(Versioned.class.getName()));
			MemoKey key = caches.key(1);
			caches.writeRaw(key, json(STORED_V1));
			StoredCache.Call call = caches.call(key, ResolvableType.forClass(Answer.class), new Answer("fresh", 1));
			assertThat(call.value()).isEqualTo(new Answer("old", 3));
			assertThat(call.computed()).isZero();
			assertThat(call.stats().errors()).isZero();
		}
	}

	private static EncodedValue json(byte[] bytes) {
		return new EncodedValue(EncodedValue.JSON, bytes);
	}

	/**
	 * A {@link Versioned} serialized as an older release wrote it: the same class name
	 * with {@code serialVersionUID} 1.
	 */
	private static EncodedValue olderVersioned() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new Versioned("old"));
		}
		byte[] stream = bytes.toByteArray();
		byte[] name = Versioned.class.getName().getBytes(UTF_8);
		int at = indexOf(stream, name) + name.length;
		assertThat(ByteBuffer.wrap(stream, at, 8).getLong()).isEqualTo(Versioned.serialVersionUID);
		ByteBuffer.wrap(stream, at, 8).putLong(1L);
		return new EncodedValue(EncodedValue.JAVA, stream);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalStateException("not found");
	}

	record Stale(String name, EncodedValue stored, Class<?> declared, Object fresh) {

	}

	/** The class as it was when the value was stored. */
	record Answer(String text, int score) {

	}

	/** {@link Answer} with {@code score} renamed {@code points}. */
	record Renamed(String text, int points) {

	}

	/** {@link Answer} without {@code score}. */
	record Removed(String text) {

	}

	/** {@link Answer} with a new {@code model}. */
	record Added(String text, int score, String model) {

	}

	/** A setter-based class without {@code score}. */
	static class Bean {

		private String text;

		Bean() {
		}

		Bean(String text) {
			this.text = text;
		}

		public String getText() {
			return this.text;
		}

		public void setText(String text) {
			this.text = text;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Bean that && Objects.equals(this.text, that.text);
		}

		@Override
		public int hashCode() {
			return Objects.hashCode(this.text);
		}

	}

	/** A Java-serialized class at its second version. */
	static class Versioned implements Serializable {

		private static final long serialVersionUID = 2L;

		private final String text;

		Versioned(String text) {
			this.text = text;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Versioned that && Objects.equals(this.text, that.text);
		}

		@Override
		public int hashCode() {
			return Objects.hashCode(this.text);
		}

	}

}
