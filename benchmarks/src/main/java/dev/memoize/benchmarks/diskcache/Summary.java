package dev.memoize.benchmarks.diskcache;

import java.io.Serializable;
import java.util.List;

/**
 * A small record value. Serializable, because Ehcache's disk tier stores values with Java
 * serialization; Memoize stores it as JSON.
 *
 * @param id the document id
 * @param title the title
 * @param words the word count
 * @param updatedAt when the document changed, in epoch milliseconds
 * @param tags the tags
 */
public record Summary(String id, String title, int words, long updatedAt, List<String> tags) implements Serializable {

}
