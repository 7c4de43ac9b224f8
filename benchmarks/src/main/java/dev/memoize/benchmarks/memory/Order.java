package dev.memoize.benchmarks.memory;

import java.math.BigDecimal;

/**
 * A typical argument with 20 fields.
 */
public record Order(String id, String customer, String email, String country, String city, String street,
		String postcode, String currency, BigDecimal amount, BigDecimal tax, int quantity, int lines, long createdAt,
		long updatedAt, boolean paid, boolean shipped, double weight, double discount, String channel, String note) {

	static Order sample() {
		return new Order("ord-2025-000123", "cust-77812", "jane.doe@example.com", "FR", "Lyon",
				"12 rue de la République", "69002", "EUR", new BigDecimal("149.90"), new BigDecimal("24.98"), 3, 2,
				1735689600000L, 1735693200000L, true, false, 1.25, 0.1, "web", "leave at the door");
	}

}
