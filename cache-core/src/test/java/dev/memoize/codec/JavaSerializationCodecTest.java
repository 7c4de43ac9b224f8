package dev.memoize.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JavaSerializationCodecTest {

	private static final String ANSWER = Answer.class.getName();

	@Test
	void decode_roundTripsAllowListedClass() {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(ANSWER));
		EncodedValue encoded = codec.encode(new Answer("hi", 2));
		assertThat(encoded.format()).isEqualTo(EncodedValue.JAVA);
		assertThat(codec.decode(encoded, Answer.class)).isEqualTo(new Answer("hi", 2));
	}

	@Test
	void decode_roundTripsClassAllowedByPackageWildcard() {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of("dev.memoize.codec.*"));
		assertThat(codec.decode(codec.encode(new Answer("hi", 2)), Answer.class)).isEqualTo(new Answer("hi", 2));
	}

	@Test
	void decode_refusesClassOffTheAllowList() throws IOException {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(ANSWER));
		ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
		EncodedValue crafted = new EncodedValue(EncodedValue.JAVA, serialize(list));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.decode(crafted, Object.class))
			.withMessageContaining("allow-list");
	}

	@Test
	void decode_refusesTestClassOffTheAllowList() throws IOException {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(ANSWER));
		EncodedValue crafted = new EncodedValue(EncodedValue.JAVA, serialize(new Secret("x")));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.decode(crafted, Object.class));
	}

	@Test
	void decode_refusesEverythingButBoxedPrimitivesWithEmptyAllowList() throws IOException {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of());
		EncodedValue crafted = new EncodedValue(EncodedValue.JAVA, serialize(new Answer("hi", 2)));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.decode(crafted, Object.class));
	}

	@Test
	void decode_refusesAllowListedClassThatCarriesClassOffTheList() throws IOException {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(Holder.class.getName()));
		EncodedValue crafted = new EncodedValue(EncodedValue.JAVA, serialize(new Holder(new Secret("x"))));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.decode(crafted, Holder.class));
	}

	@Test
	void decode_throwsCodecExceptionOnGarbageBytes() {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(ANSWER));
		EncodedValue garbage = new EncodedValue(EncodedValue.JAVA, new byte[] { 1, 2, 3, 4 });
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.decode(garbage, Answer.class));
	}

	@Test
	void decode_refusesValueStoredAsJson() {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(ANSWER));
		EncodedValue json = new EncodedValue(EncodedValue.JSON, "{}".getBytes());
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.decode(json, Answer.class));
	}

	@Test
	void constructor_rejectsMalformedPattern() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JavaSerializationCodec(List.of("!com.acme.Secret")))
			.withMessageContaining("!com.acme.Secret");
		assertThatIllegalArgumentException().isThrownBy(() -> new JavaSerializationCodec(List.of("com.acme.**.Sub")));
		assertThatIllegalArgumentException().isThrownBy(() -> new JavaSerializationCodec(List.of("com/acme/Answer")));
		assertThatIllegalArgumentException().isThrownBy(() -> new JavaSerializationCodec(List.of("")));
	}

	@Test
	void accepts_matchesClassPackageSubPackageAndPrefixPatterns() {
		for (String pattern : List.of(ANSWER, "dev.memoize.codec.*", "dev.memoize.**", ANSWER.replace("Answer", "*"))) {
			assertThat(new JavaSerializationCodec(List.of(pattern)).accepts(new Answer("x", 1))).as(pattern).isTrue();
		}
		assertThat(new JavaSerializationCodec(List.of("dev.memoize.*")).accepts(new Answer("x", 1))).isFalse();
	}

	@Test
	void accepts_allowListedSerializableValue() {
		assertThat(new JavaSerializationCodec(List.of(ANSWER)).accepts(new Answer("x", 1))).isTrue();
	}

	@Test
	void accepts_refusesSerializableValueOffTheList() {
		assertThat(new JavaSerializationCodec(List.of(ANSWER)).accepts(new Secret("x"))).isFalse();
	}

	@Test
	void accepts_refusesNonSerializableValueOnTheList() {
		assertThat(new JavaSerializationCodec(List.of(NotSerializable.class.getName())).accepts(new NotSerializable()))
			.isFalse();
	}

	@Test
	void accepts_refusesStringsAndBoxedPrimitivesThatAreOnlyReadable() {
		JavaSerializationCodec codec = new JavaSerializationCodec(List.of(ANSWER));
		assertThat(codec.accepts("text")).isFalse();
		assertThat(codec.accepts(42)).isFalse();
		assertThat(codec.accepts(Boolean.TRUE)).isFalse();
	}

	@Test
	void accepts_refusesNull() {
		assertThat(new JavaSerializationCodec(List.of(ANSWER)).accepts(null)).isFalse();
	}

	static byte[] serialize(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	record Answer(String text, int score) implements Serializable {
	}

	record Secret(String value) implements Serializable {
	}

	record Holder(Object payload) implements Serializable {
	}

	static class NotSerializable {

	}

}
