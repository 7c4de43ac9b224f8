/**
 * The {@code jdbc} backend: entries in one table of SQLite, PostgreSQL or MySQL/MariaDB,
 * created by Flyway with its own history table, written with the database's upsert and
 * read in bulk with one query.
 */
package dev.memoize.backend.jdbc;
