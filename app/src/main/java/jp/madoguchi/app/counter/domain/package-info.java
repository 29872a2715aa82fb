/**
 * The counter's domain types (counter-rules.md §1, §2.0, §4, §5): immutable records and enums, no
 * JavaFX, no card or database access. Every type is safe to share between threads.
 *
 * <p>Names are kept exactly as received: no component of a record here normalises, trims or
 * re-encodes a name (counter-rules PR-53).
 */
package jp.madoguchi.app.counter.domain;
