/**
 * The status models of counter-rules §4 as explicit transition tables: application (§4.1), card
 * (§4.2), certificate (§4.3), the PIN on the card and the local sync state (§4.4). Each table lists
 * exactly the page's rows; a pair it does not list is refused. Tables are built once and immutable, so
 * they are safe to share between threads.
 */
package jp.madoguchi.app.counter.status;
