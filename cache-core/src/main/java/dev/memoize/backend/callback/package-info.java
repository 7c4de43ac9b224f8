/**
 * The {@code callback} backend: stores nothing, asks feed beans on every lookup and hands
 * every put to listener beans.
 */
package dev.memoize.backend.callback;
