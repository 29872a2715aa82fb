/**
 * The counter rules of counter-rules.md, card-spec §5–§6, as pure functions over the domain types:
 * no JavaFX, no card, no database, no clock of their own (every rule takes the instant or the day it
 * judges). Each refusal is a {@link jp.madoguchi.app.counter.rules.Refusal} carrying one
 * {@link jp.madoguchi.common.CounterFailure} and its message parameters. All classes are immutable and
 * thread-safe.
 */
package jp.madoguchi.app.counter.rules;
