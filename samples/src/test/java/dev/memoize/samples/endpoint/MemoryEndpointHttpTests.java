package dev.memoize.samples.endpoint;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The endpoint over HTTP with the sample's default, in-memory {@code llm} cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.llm.latency=1ms")
class MemoryEndpointHttpTests extends MemoizeEndpointHttpTests {

	@Override
	String llmType() {
		return "memory";
	}

}
