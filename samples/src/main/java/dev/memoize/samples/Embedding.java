package dev.memoize.samples;

/**
 * A text and its embedding vector.
 *
 * @param text the text
 * @param vector its vector
 */
public record Embedding(String text, float[] vector) {
}
