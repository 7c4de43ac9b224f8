package dev.memoize.samples;

/**
 * What the simulated language model answers.
 *
 * @param text the answer
 * @param model the model that answered
 * @param tokens how many tokens the answer cost
 */
public record Answer(String text, String model, int tokens) {
}
