package dev.memoize.stored;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
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
 * A stored value naming a gadget class never brings it to life. JSON payloads carrying
 * {@code @class}, {@code @type}, {@code @c}, wrapper-array and wrapper-object type ids,
 * at the top and nested, are read through methods declared to return {@code Object}, a
 * {@code Map}, a {@code List}, a record, a record with an {@code Object} field, and an
 * application interface that opts in to class-name type ids for its own subtypes (which
 * the gadget is not): each is read as plain data or is a miss, and the gadget's
 * constructor and setters never run. Java-serialized gadgets ({@code readObject} and
 * {@code readResolve} side effects), bare or nested in an allow-listed {@code ArrayList},
 * {@code HashMap} or class, are refused by the allow-list before they are created: a
 * miss, computed again, one error counted. Every payload is stored raw in every
 * persistent backend.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GadgetPayloadTests {

	private static final String GADGET = Gadgets.JsonGadget.class.getName();

	private static final String UNRELATED = Gadgets.Unrelated.class.getName();

	private static final List<String> JSON_PAYLOADS = List.of("{\"@class\":\"" + GADGET + "\",\"command\":\"calc\"}",
			"{\"@type\":\"" + GADGET + "\",\"command\":\"calc\"}", "{\"@c\":\"" + GADGET + "\",\"command\":\"calc\"}",
			"[\"" + GADGET + "\",{\"command\":\"calc\"}]", "{\"" + GADGET + "\":{\"command\":\"calc\"}}",
			"{\"@class\":\"" + UNRELATED + "\"}",
			"{\"text\":\"hi\",\"payload\":{\"@class\":\"" + GADGET + "\",\"command\":\"calc\"}}",
			"[\"java.util.ArrayList\",[[\"" + GADGET + "\",{\"command\":\"calc\"}]]]");

	private static final List<ResolvableType> DECLARED = List.of(ResolvableType.forClass(Object.class),
			ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class),
			ResolvableType.forClassWithGenerics(List.class, Object.class), ResolvableType.forClass(Reply.class),
			ResolvableType.forClass(Holder.class), ResolvableType.forClass(Gadgets.Shape.class));

	private static final List<String> ALLOW_LIST = List.of("java.util.ArrayList", "java.util.HashMap",
			Gadgets.Envelope.class.getName());

	@TempDir
	Path directory;

	static List<StoreKind> stores() {
		return StoreKind.all();
	}

	@BeforeEach
	void resetInstantiations() {
		Gadgets.INSTANTIATIONS.set(0);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void jsonTypeIdsNamingAGadgetNeverInstantiateIt(StoreKind kind) throws Throwable {
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, ALLOW_LIST);
			int n = 0;
			for (String payload : JSON_PAYLOADS) {
				for (ResolvableType declared : DECLARED) {
					String what = declared + " from " + payload;
					MemoKey key = caches.key(n++);
					caches.writeRaw(key, new EncodedValue(EncodedValue.JSON, payload.getBytes(UTF_8)));
					Object fresh = freshValueOf(declared);
					StoredCache.Call call = caches.call(key, declared, fresh);
					assertThat(Gadgets.INSTANTIATIONS).as(what).hasValue(0);
					assertThat(plainData(call.value())).as(what + " gave " + call.value()).isTrue();
					if (call.value() == fresh) {
						assertThat(call.stats().errors()).as(what).isEqualTo(1);
						assertThat(call.computed()).as(what).isEqualTo(1);
					}
				}
			}
			assertThat(n).isEqualTo(JSON_PAYLOADS.size() * DECLARED.size());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void javaSerializedGadgetsAreRefusedBeforeTheyAreCreated(StoreKind kind) throws Throwable {
		Map<String, Object> gadgets = Map.of("readObject gadget", new Gadgets.ReadObjectGadget(), "readResolve gadget",
				new Gadgets.ReadResolveGadget(), "gadget in an ArrayList",
				new ArrayList<>(List.of("a", new Gadgets.ReadObjectGadget())), "gadget in a HashMap",
				new HashMap<>(Map.of("k", new Gadgets.ReadResolveGadget())), "gadget in an allow-listed class",
				new Gadgets.Envelope(new Gadgets.ReadObjectGadget()));
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, ALLOW_LIST);
			int n = 0;
			for (Map.Entry<String, Object> gadget : gadgets.entrySet()) {
				MemoKey key = caches.key(n++);
				caches.writeRaw(key, new EncodedValue(EncodedValue.JAVA, serialized(gadget.getValue())));
				StoredCache.Call call = caches.call(key, ResolvableType.forClass(Object.class), "fresh");
				assertThat(Gadgets.INSTANTIATIONS).as(gadget.getKey()).hasValue(0);
				assertThat(call.value()).as(gadget.getKey()).isEqualTo("fresh");
				assertThat(call.computed()).as(gadget.getKey()).isEqualTo(1);
				assertThat(call.stats().errors()).as(gadget.getKey()).isEqualTo(1);
				assertThat(caches.call(key, ResolvableType.forClass(Object.class), "again").value()).as(gadget.getKey())
					.isEqualTo("fresh");
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void allowListedContainersOfAllowedValuesAreRead(StoreKind kind) throws Throwable {
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, ALLOW_LIST);
			ArrayList<Object> list = new ArrayList<>(List.of("a", 1L));
			HashMap<String, Object> map = new HashMap<>(Map.of("k", "v"));
			List<Object> values = List.of(list, map);
			for (int n = 0; n < values.size(); n++) {
				MemoKey key = caches.key(n);
				caches.writeRaw(key, new EncodedValue(EncodedValue.JAVA, serialized(values.get(n))));
				StoredCache.Call call = caches.call(key, ResolvableType.forClass(Object.class), "fresh");
				assertThat(call.value()).isEqualTo(values.get(n));
				assertThat(call.computed()).isZero();
				assertThat(call.stats().errors()).isZero();
			}
		}
	}

	private static Object freshValueOf(ResolvableType declared) {
		Class<?> type = declared.toClass();
		if (type == Reply.class) {
			return new Reply("fresh");
		}
		if (type == Holder.class) {
			return new Holder("fresh", "fresh");
		}
		if (type == Map.class) {
			return Map.of("fresh", true);
		}
		if (type == List.class) {
			return List.of("fresh");
		}
		if (type == Gadgets.Shape.class) {
			return new Gadgets.Circle(1);
		}
		return "fresh";
	}

	/**
	 * Whether a value is made only of JSON's plain values and this test's records, with
	 * no gadget anywhere inside.
	 */
	private static boolean plainData(Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return true;
		}
		if (value instanceof Map<?, ?> map) {
			return map.entrySet().stream().allMatch((e) -> plainData(e.getKey()) && plainData(e.getValue()));
		}
		if (value instanceof List<?> list) {
			return list.stream().allMatch(GadgetPayloadTests::plainData);
		}
		if (value instanceof Holder holder) {
			return plainData(holder.text()) && plainData(holder.payload());
		}
		return value instanceof Reply || value instanceof Gadgets.Circle;
	}

	private static byte[] serialized(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	/** A declared record. */
	record Reply(String text) {

	}

	/** A declared record with a field of any type. */
	record Holder(String text, Object payload) {

	}

}
