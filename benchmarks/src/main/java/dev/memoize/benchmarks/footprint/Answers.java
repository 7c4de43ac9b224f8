package dev.memoize.benchmarks.footprint;

/**
 * The cached service: two string arguments, a result of about 100 characters. Each
 * implementation counts how often its body ran; the count is not thread-safe.
 */
public interface Answers {

	/**
	 * Answers a prompt.
	 * @param prompt the prompt
	 * @param model the model
	 * @return an answer of about {@value #ANSWER_LENGTH} characters
	 */
	String answer(String prompt, String model);

	/**
	 * How often the body ran.
	 * @return the number of computations
	 */
	long calls();

	/** Length of every answer. */
	int ANSWER_LENGTH = 100;

	/**
	 * The answer every implementation computes.
	 * @param prompt the prompt
	 * @param model the model
	 * @return an answer of {@value #ANSWER_LENGTH} characters
	 */
	static String compute(String prompt, String model) {
		String answer = "Answer of " + model + " to " + prompt + ": ";
		return (answer + "x".repeat(ANSWER_LENGTH)).substring(0, ANSWER_LENGTH);
	}

}
