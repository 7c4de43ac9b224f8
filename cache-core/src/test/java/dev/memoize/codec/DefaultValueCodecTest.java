package dev.memoize.codec;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultValueCodecTest {

	private final DefaultValueCodec codec = new DefaultValueCodec(new JsonValueCodec(JsonMapper.builder().build()),
			new JavaSerializationCodec(List.of(Vector.class.getName())));

	@Test
	void encode_usesJavaFormatForAllowListedSerializableValue() {
		assertThat(this.codec.encode(new Vector(new float[] { 1f, 2f })).format()).isEqualTo(EncodedValue.JAVA);
	}

	@Test
	void encode_usesJsonForSerializableValueOffTheAllowList() {
		assertThat(this.codec.encode(new ArrayList<>(List.of("a"))).format()).isEqualTo(EncodedValue.JSON);
		assertThat(this.codec.encode(new Plain("x")).format()).isEqualTo(EncodedValue.JSON);
	}

	@Test
	void encode_usesJsonForStringsAndNumbersEvenWithAnAllowList() {
		EncodedValue text = this.codec.encode("hello");
		assertThat(text.format()).isEqualTo(EncodedValue.JSON);
		assertThat(new String(text.bytes(), StandardCharsets.UTF_8)).isEqualTo("\"hello\"");
		assertThat(this.codec.encode(42).format()).isEqualTo(EncodedValue.JSON);
	}

	@Test
	void encode_usesJsonForNull() {
		assertThat(this.codec.encode(null).format()).isEqualTo(EncodedValue.JSON);
	}

	@Test
	void decode_readsEachFormatWithItsCodec() {
		Vector vector = new Vector(new float[] { 1f, 2f });
		Object fromJava = this.codec.decode(this.codec.encode(vector), Vector.class);
		assertThat(fromJava).isInstanceOf(Vector.class);
		assertThat(((Vector) fromJava).values()).containsExactly(1f, 2f);
		Object fromJson = this.codec.decode(this.codec.encode(Map.of("a", 1)),
				ResolvableType.forClassWithGenerics(Map.class, String.class, Integer.class).getType());
		assertThat(fromJson).isEqualTo(Map.of("a", 1));
	}

	@Test
	void convert_usesJson() {
		assertThat(this.codec.convert(Map.of("name", "x"), Plain.class)).isEqualTo(new Plain("x"));
	}

	record Vector(float[] values) implements Serializable {
	}

	record Plain(String name) implements Serializable {
	}

}
