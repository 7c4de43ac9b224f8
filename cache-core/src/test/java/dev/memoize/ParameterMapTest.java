package dev.memoize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class ParameterMapTest {

	private static final String[] NAMES = { "prompt", "model", "seed" };

	@Test
	void keepsParameterOrderAndNullValues() {
		ParameterMap map = ParameterMap.of(NAMES, new Object[] { "hi", null, 7 });
		assertThat(map).containsExactly(entry("prompt", "hi"), entry("model", null), entry("seed", 7));
		assertThat(map.values()).containsExactly("hi", null, 7);
		assertThat(map.containsKey("model")).isTrue();
		assertThat(map.get("model")).isNull();
		assertThat(map.containsKey("other")).isFalse();
	}

	@Test
	void equalsAndHashesLikeAnyMapWithTheSameMappings() {
		Map<String, Object> linked = new LinkedHashMap<>();
		linked.put("prompt", "hi");
		linked.put("model", null);
		linked.put("seed", 7);
		ParameterMap map = ParameterMap.of(NAMES, new Object[] { "hi", null, 7 });
		assertThat(map).isEqualTo(linked);
		assertThat(linked).isEqualTo(map);
		assertThat(map.hashCode()).isEqualTo(linked.hashCode());
		assertThat(map).hasToString(linked.toString());
	}

	@Test
	void refusesChanges() {
		ParameterMap map = ParameterMap.of(NAMES, new Object[] { "hi", null, 7 });
		assertThat(List.<Runnable>of(() -> map.put("x", 1), () -> map.remove("prompt"), map::clear,
				() -> map.values().set(0, "changed"), () -> map.entrySet().iterator().next().setValue("changed")))
			.allSatisfy((change) -> assertThat(catchUnsupported(change)).isTrue());
		assertThat(map.get("prompt")).isEqualTo("hi");
	}

	@Test
	void copyOfKeepsTheIterationOrderAndReturnsAParameterMapAsItIs() {
		Map<String, Object> linked = new LinkedHashMap<>();
		linked.put("b", 1);
		linked.put("a", 2);
		ParameterMap copy = ParameterMap.copyOf(linked);
		linked.put("c", 3);
		assertThat(copy).containsExactly(entry("b", 1), entry("a", 2));
		assertThat(ParameterMap.copyOf(copy)).isSameAs(copy);
	}

	@Test
	void refusesNamesAndValuesOfDifferentLengths() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParameterMap.of(NAMES, new Object[] { "hi" }))
			.withMessageContaining("3 parameter names [prompt, model, seed] for 1 values");
	}

	private static boolean catchUnsupported(Runnable change) {
		try {
			change.run();
			return false;
		}
		catch (UnsupportedOperationException ex) {
			return true;
		}
	}

}
