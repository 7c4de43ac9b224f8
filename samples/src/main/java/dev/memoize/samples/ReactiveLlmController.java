package dev.memoize.samples;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * HTTP endpoints that return the {@code Mono} and {@code Flux} of memoized methods;
 * Spring MVC subscribes to them without holding a request thread while they wait.
 */
@RestController
@RequestMapping("/reactive")
class ReactiveLlmController {

	private final ReactiveLlmService llm;

	ReactiveLlmController(ReactiveLlmService llm) {
		this.llm = llm;
	}

	@GetMapping("/ask")
	Mono<Answer> ask(@RequestParam String prompt, @RequestParam(defaultValue = "demo-model") String model) {
		return this.llm.ask(prompt, model, UUID.randomUUID().toString());
	}

	/**
	 * The words as server-sent events, each sent as the memoized {@code Flux} emits it:
	 * slowly the first time, at once from the cache afterwards.
	 */
	@GetMapping(path = "/words", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<String> words(@RequestParam String prompt, @RequestParam(defaultValue = "demo-model") String model) {
		return this.llm.words(prompt, model);
	}

	@GetMapping("/calls")
	Map<String, Integer> calls() {
		return Map.of("ask", this.llm.askCalls(), "words", this.llm.wordCalls());
	}

}
