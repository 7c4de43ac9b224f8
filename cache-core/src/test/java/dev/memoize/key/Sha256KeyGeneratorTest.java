package dev.memoize.key;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.memoize.MemoizeException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Golden and behavioural tests of {@link Sha256KeyGenerator}.
 *
 * <p>
 * The expected keys were computed independently of this code with Python, from the
 * canonical form described in the design (sorted keys, no spaces, no ASCII escaping):
 *
 * <pre>
 * python3 -c 'import json,hashlib,sys; o=...; \
 *   print(hashlib.sha256(json.dumps(o, sort_keys=True, separators=(",",":"), ensure_ascii=False).encode("utf-8")).hexdigest())'
 * </pre>
 */
class Sha256KeyGeneratorTest {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Sha256KeyGenerator generator = new Sha256KeyGenerator(this.mapper, "1", Map.of());

	// python3 -c 'import json,hashlib;
	// o={"func":"demo#ask(String,String)","inputs":{"prompt":"hello","model":"gpt"},"version":"1","properties":{}};
	// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode("utf-8")).hexdigest())'
	@Test
	void generate_matchesGoldenKeyOfSimpleCall() {
		MemoKey key = this.generator.generate("demo#ask(String,String)", ordered("prompt", "hello", "model", "gpt"));
		assertThat(key.key()).isEqualTo("694559dcfcca60ffe6ec9859c2c0e304238ae07f84e5a387a83c91bf84cce50b");
	}

	// python3 -c 'import json,hashlib;
	// o={"func":"demo#nested(Map)","inputs":{"query":{"tags":["a","b"],"limit":10,"score":1.5,"exact":True,"cursor":None},"page":[1,[2,3],{"z":False,"a":None}]},"version":"1","properties":{}};
	// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode("utf-8")).hexdigest())'
	@Test
	void generate_matchesGoldenKeyOfNestedMapListNumberBooleanNull() {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("tags", List.of("a", "b"));
		query.put("limit", 10);
		query.put("score", 1.5);
		query.put("exact", true);
		query.put("cursor", null);
		Map<String, Object> last = new LinkedHashMap<>();
		last.put("z", false);
		last.put("a", null);
		List<Object> page = Arrays.asList(1, List.of(2, 3), last);
		MemoKey key = this.generator.generate("demo#nested(Map)", ordered("query", query, "page", page));
		assertThat(key.key()).isEqualTo("042b3f0d37ba76e8ca7bec14b72d0195d0a28b152276b80938bada844118d2b5");
	}

	// python3 -c 'import json,hashlib;
	// o={"func":"demo#ask(String,String)","inputs":{"prompt":"hello","model":"gpt"},"version":"1","properties":{"app.llm.model":"gpt-4o","app.region":"eu"}};
	// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode("utf-8")).hexdigest())'
	@Test
	void generate_matchesGoldenKeyOfTopLevelNumbersBooleanAndNull() {
		// python3 -c "import json,hashlib;
		// o={'func':'demo#fib(int,long,boolean)','inputs':{'n':7,
		// 'big':9007199254740993,'flag':True,'none':None},'properties':{},'version':'1'};
		// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(',',':'),ensure_ascii=False)
		// .encode()).hexdigest())"
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("n", 7);
		inputs.put("big", 9007199254740993L);
		inputs.put("flag", true);
		inputs.put("none", null);
		assertThat(this.generator.generate("demo#fib(int,long,boolean)", inputs).key())
			.isEqualTo("eaf29bcaba513bc23c89da902686bbb90fa6b596977097d6d2809bb6a85161e3");
	}

	@Test
	void generate_matchesGoldenKeyWithProperties() {
		Sha256KeyGenerator withProperties = new Sha256KeyGenerator(this.mapper, "1",
				Map.of("app.region", "eu", "app.llm.model", "gpt-4o"));
		MemoKey key = withProperties.generate("demo#ask(String,String)", ordered("prompt", "hello", "model", "gpt"));
		assertThat(key.key()).isEqualTo("d5588193b7162cbd7c147b83bf5b38e3f7561f21f90a4eaf250d068830582201");
	}

	// python3 -c 'import json,hashlib; t="h"+chr(0xe9)+"llo "+chr(0x4e16)+chr(0x754c)+"
	// "+chr(0x2713)+" "+chr(0x1f600)+" \"q\"
	// back"+chr(92)+"slash"+chr(10)+"line"+chr(9)+"tab"+chr(1)+"end";
	// o={"func":"demo#say(String)","inputs":{"text":t},"version":"1","properties":{}};
	// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode("utf-8")).hexdigest())'
	@Test
	void generate_matchesGoldenKeyWithUnicodeAndControlCharacters() {
		String text = "h\u00e9llo \u4e16\u754c \u2713 \uD83D\uDE00 \"q\" back\\slash\nline\ttab\u0001end";
		MemoKey key = this.generator.generate("demo#say(String)", Map.of("text", text));
		assertThat(key.key()).isEqualTo("c97bce8ba53351d2b1c12908dc338d0c7718e06ce781b6f7e9cba19629ebfcde");
	}

	@Test
	void generate_returnsLowercaseHexOf64Digits() {
		MemoKey key = this.generator.generate("demo#ask(String,String)", ordered("prompt", "hello", "model", "gpt"));
		assertThat(key.key()).hasSize(64).matches("[0-9a-f]{64}");
	}

	@Test
	void generate_keepsFuncAndInputsInTheKey() {
		Map<String, Object> inputs = ordered("prompt", "hello", "model", "gpt");
		MemoKey key = this.generator.generate("demo#ask(String,String)", inputs);
		assertThat(key.func()).isEqualTo("demo#ask(String,String)");
		assertThat(key.inputs()).isEqualTo(inputs);
	}

	@Test
	void generate_changesKeyWhenVersionChanges() {
		Sha256KeyGenerator version2 = new Sha256KeyGenerator(this.mapper, "2", Map.of());
		Map<String, Object> inputs = ordered("prompt", "hello", "model", "gpt");
		assertThat(version2.generate("demo#ask", inputs).key())
			.isNotEqualTo(this.generator.generate("demo#ask", inputs).key());
	}

	@Test
	void generate_changesKeyWhenPropertyValueChanges() {
		Map<String, Object> inputs = ordered("prompt", "hello");
		Sha256KeyGenerator gpt4 = new Sha256KeyGenerator(this.mapper, "1", Map.of("app.llm.model", "gpt-4"));
		Sha256KeyGenerator gpt5 = new Sha256KeyGenerator(this.mapper, "1", Map.of("app.llm.model", "gpt-5"));
		assertThat(gpt4.generate("demo#ask", inputs).key()).isNotEqualTo(gpt5.generate("demo#ask", inputs).key());
	}

	@Test
	void generate_changesKeyWhenInputChanges() {
		assertThat(this.generator.generate("demo#ask", ordered("prompt", "hello")).key())
			.isNotEqualTo(this.generator.generate("demo#ask", ordered("prompt", "hello!")).key());
	}

	@Test
	void generate_changesKeyWhenFuncChanges() {
		Map<String, Object> inputs = ordered("prompt", "hello");
		assertThat(this.generator.generate("demo#ask", inputs).key())
			.isNotEqualTo(this.generator.generate("demo#tell", inputs).key());
	}

	@Test
	void generate_ignoresInsertionOrderOfInputs() {
		MemoKey forward = this.generator.generate("demo#ask", ordered("prompt", "hello", "model", "gpt"));
		MemoKey backward = this.generator.generate("demo#ask", ordered("model", "gpt", "prompt", "hello"));
		assertThat(forward.key()).isEqualTo(backward.key());
	}

	@Test
	void generate_ignoresInsertionOrderOfNestedMaps() {
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("a", 1);
		first.put("b", 2);
		Map<String, Object> second = new HashMap<>();
		second.put("b", 2);
		second.put("a", 1);
		assertThat(this.generator.generate("demo#f", Map.of("m", first)).key())
			.isEqualTo(this.generator.generate("demo#f", Map.of("m", second)).key());
	}

	@Test
	void generate_givesSameKeyForRecordAndEquivalentMap() {
		MemoKey fromRecord = this.generator.generate("demo#f", Map.of("q", new Query("hello", 3)));
		MemoKey fromMap = this.generator.generate("demo#f", Map.of("q", ordered("text", "hello", "limit", 3)));
		assertThat(fromRecord.key()).isEqualTo(fromMap.key());
	}

	@Test
	void generate_throwsNamingFuncAndParameterWhenInputCannotBecomeJson() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(
					() -> this.generator.generate("demo#ask(Object)", ordered("prompt", "ok", "handle", new Object())))
			.withMessageContaining("demo#ask(Object)")
			.withMessageContaining("'handle'");
	}

	@Test
	void generate_throwsNamingParameterWhenInputClassHasNoProperties() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.generator.generate("demo#run(Opaque)", Map.of("opaque", new Opaque())))
			.withMessageContaining("demo#run(Opaque)")
			.withMessageContaining("'opaque'")
			.withMessageContaining(Opaque.class.getName());
	}

	@Test
	void properties_areSortedByName() {
		Sha256KeyGenerator withProperties = new Sha256KeyGenerator(this.mapper, "1",
				Map.of("b.second", "2", "a.first", "1"));
		assertThat(withProperties.properties()).containsExactly(Map.entry("a.first", "1"), Map.entry("b.second", "2"));
	}

	@Test
	void sha256_hashesUtf8BytesOfText() {
		// python3 -c 'import hashlib;
		// print(hashlib.sha256("abc".encode("utf-8")).hexdigest())'
		assertThat(Sha256KeyGenerator.sha256("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	// python3 -c 'import json,hashlib;
	// o={"func":"demo#bytes(byte[])","inputs":{"data":"AQID"},"version":"1","properties":{}};
	// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode("utf-8")).hexdigest())'
	@Test
	void generate_keysByteArrayAsItsBase64Text() {
		MemoKey key = this.generator.generate("demo#bytes(byte[])", Map.of("data", new byte[] { 1, 2, 3 }));
		assertThat(key.key()).isEqualTo("a6dc49f6e10b0dc2b84d777a7be5d9eac32a29ff95c22053bac2a3b6b45c9807");
		assertThat(this.generator.generate("demo#bytes(byte[])", Map.of("data", new byte[] { 1, 2, 4 })).key())
			.isNotEqualTo(key.key());
		assertThat(this.generator.generate("demo#bytes(List)", Map.of("data", List.of(new byte[] { 1, 2, 3 }))).key())
			.isNotEqualTo(
					this.generator.generate("demo#bytes(List)", Map.of("data", List.of(new byte[] { 1, 2, 4 }))).key());
	}

	// python3 -c 'import json,hashlib;
	// o={"func":"demo#emoji(String)","inputs":{"s":"a\U0001F600b"},"version":"1","properties":{}};
	// print(hashlib.sha256(json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode("utf-8")).hexdigest())'
	@Test
	void generate_writesSurrogatePairsAsTheirCharacter() {
		MemoKey key = this.generator.generate("demo#emoji(String)", Map.of("s", "a\uD83D\uDE00b"));
		assertThat(key.key()).isEqualTo("55b405eb8193a756672dcd02f0a056b1a2a7bf1d36f0d836478efb5e7fb954c7");
	}

	@Test
	void generate_keysEveryLoneSurrogateApart() {
		List<String> texts = List.of("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "?", "\uFFFD", "a\uD83D", "\uDE00a",
				"\uDE00\uD83D", "\\ud800");
		List<String> keys = texts.stream()
			.map((text) -> this.generator.generate("demo#s(String)", Map.of("s", text)).key())
			.toList();
		assertThat(keys).doesNotHaveDuplicates();
		assertThat(this.generator.generate("demo#s(List)", Map.of("s", List.of("\uD800"))).key())
			.isNotEqualTo(this.generator.generate("demo#s(List)", Map.of("s", List.of("\uD801"))).key());
	}

	@Test
	void generate_refusesLambdasWhereverTheyAre() {
		java.util.function.Supplier<String> lambda = () -> "answer";
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.generator.generate("demo#call(Supplier)", Map.of("task", lambda)))
			.withMessageContaining("parameter 'task'")
			.withMessageContaining("lambda");
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.generator.generate("demo#call(List)", Map.of("tasks", List.of(lambda))))
			.withMessageContaining("parameter 'tasks'")
			.withMessageContaining("lambda");
	}

	private static Map<String, Object> ordered(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	record Query(String text, int limit) {
	}

	static class Opaque {

	}

}
