package dev.memoize.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonValueCodecTest {

	private final JsonValueCodec codec = new JsonValueCodec(JsonMapper.builder().build());

	@Test
	void encode_writesUtf8JsonTaggedAsJson() {
		EncodedValue encoded = this.codec.encode(new Answer("hi", 2));
		assertThat(encoded.format()).isEqualTo(EncodedValue.JSON);
		assertThat(new String(encoded.bytes(), StandardCharsets.UTF_8)).contains("\"text\":\"hi\"")
			.contains("\"score\":2");
	}

	@Test
	void decode_roundTripsListOfRecordsToDeclaredGenericType() {
		List<Answer> answers = List.of(new Answer("a", 1), new Answer("b", 2));
		Object decoded = this.codec.decode(this.codec.encode(answers),
				ResolvableType.forClassWithGenerics(List.class, Answer.class).getType());
		assertThat(decoded).isEqualTo(answers);
		assertThat((List<?>) decoded).allSatisfy((element) -> assertThat(element).isInstanceOf(Answer.class));
	}

	@Test
	void decode_roundTripsMapOfStringToInteger() {
		Map<String, Integer> counts = Map.of("a", 1, "b", 2);
		Object decoded = this.codec.decode(this.codec.encode(counts),
				ResolvableType.forClassWithGenerics(Map.class, String.class, Integer.class).getType());
		assertThat(decoded).isEqualTo(counts);
	}

	@Test
	void decode_roundTripsNull() {
		EncodedValue encoded = this.codec.encode(null);
		assertThat(this.codec.decode(encoded, Answer.class)).isNull();
	}

	@Test
	void decode_toObjectGivesPlainJsonValues() {
		Object decoded = this.codec.decode(this.codec.encode(new Answer("hi", 2)), Object.class);
		assertThat(decoded).isEqualTo(Map.of("text", "hi", "score", 2));
	}

	@Test
	void decode_throwsCodecExceptionOnGarbageBytes() {
		EncodedValue garbage = new EncodedValue(EncodedValue.JSON, new byte[] { 0x7b, (byte) 0xff, 0x01, 0x22 });
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.decode(garbage, Answer.class));
	}

	@Test
	void decode_throwsCodecExceptionOnJsonOfAnotherShape() {
		EncodedValue text = new EncodedValue(EncodedValue.JSON, "\"just text\"".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.decode(text, Answer.class))
			.withMessageContaining(Answer.class.getName());
	}

	@Test
	void decode_refusesValueStoredInJavaFormat() {
		EncodedValue java = new EncodedValue(EncodedValue.JAVA, new byte[] { 1, 2, 3 });
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.decode(java, Object.class))
			.withMessageContaining("'java'");
	}

	@Test
	void convert_turnsPlainMapIntoDeclaredRecord() {
		assertThat(this.codec.convert(Map.of("text", "hi", "score", 2), Answer.class)).isEqualTo(new Answer("hi", 2));
	}

	@Test
	void convert_throwsCodecExceptionWhenShapeDoesNotFit() {
		assertThatExceptionOfType(CodecException.class)
			.isThrownBy(() -> this.codec.convert(Map.of("score", "not a number"), Answer.class));
	}

	record Answer(String text, int score) {
	}

	@Test
	void decode_refusesAStoredPropertyTheDeclaredClassDoesNotHave() {
		EncodedValue older = json("{\"text\":\"hi\",\"score\":2,\"model\":\"m\"}");
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.decode(older, Answer.class))
			.withMessageContaining("model");
	}

	@Test
	void decode_refusesAStoredObjectWithoutACreatorPropertyOfTheDeclaredRecord() {
		EncodedValue older = json("{\"text\":\"hi\"}");
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.decode(older, Labelled.class))
			.withMessageContaining("label");
	}

	@Test
	void decode_roundTripsRecordsWithNullComponentsEvenWhenTheMapperOmitsNulls() {
		JsonValueCodec omittingNulls = new JsonValueCodec(JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build());
		Labelled value = new Labelled("hi", null);
		assertThat(omittingNulls.decode(omittingNulls.encode(value), Labelled.class)).isEqualTo(value);
	}

	@Test
	void decode_leavesUnknownPropertiesToAClassThatIgnoresThem() {
		EncodedValue older = json("{\"text\":\"hi\",\"score\":2}");
		assertThat(this.codec.decode(older, Lenient.class)).isEqualTo(new Lenient("hi"));
	}

	private static EncodedValue json(String text) {
		return new EncodedValue(EncodedValue.JSON, text.getBytes(StandardCharsets.UTF_8));
	}

	record Labelled(String text, String label) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Lenient(String text) {

	}

}
