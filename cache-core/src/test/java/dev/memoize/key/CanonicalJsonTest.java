package dev.memoize.key;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void write_escapesQuote() {
		assertThat(string("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
	}

	@Test
	void write_escapesBackslash() {
		assertThat(string("a\\b")).isEqualTo("\"a\\\\b\"");
	}

	@Test
	void write_escapesNewlineAsBackslashN() {
		assertThat(string("a\nb")).isEqualTo("\"a\\nb\"");
	}

	@Test
	void write_escapesShortFormControlCharacters() {
		assertThat(string("\b\f\r\t")).isEqualTo("\"\\b\\f\\r\\t\"");
	}

	@Test
	void write_escapesOtherControlCharacterAsLowercaseUnicodeEscape() {
		assertThat(string("a\u0001b\u001fc")).isEqualTo("\"a\\u0001b\\u001fc\"");
	}

	@Test
	void write_leavesNonAsciiAndSlashUnescaped() {
		assertThat(string("h\u00e9/\u4e16\uD83D\uDE00")).isEqualTo("\"h\u00e9/\u4e16\uD83D\uDE00\"");
	}

	@Test
	void write_sortsObjectMembersAtEveryDepth() {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("z", 1);
		ObjectNode inner = root.putObject("a");
		inner.put("y", true);
		inner.putNull("b");
		assertThat(CanonicalJson.write(root)).isEqualTo("{\"a\":{\"b\":null,\"y\":true},\"z\":1}");
	}

	@Test
	void write_keepsArrayOrderWithoutSpaces() {
		assertThat(CanonicalJson.write(this.mapper.valueToTree(List.of(3, 1.5, "x", false))))
			.isEqualTo("[3,1.5,\"x\",false]");
	}

	private String string(String value) {
		return CanonicalJson.write(this.mapper.getNodeFactory().stringNode(value));
	}

}
