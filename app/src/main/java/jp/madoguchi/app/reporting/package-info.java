/**
 * The period reports assembled from what this counter holds (counter-rules §6.4–§6.6): the daily
 * tally from the store, the expiry targets and the renewal letters from the read cache and
 * {@link jp.madoguchi.app.counter.rules.ValidityRules}, the sync and case report from the store, each as
 * the typed record of {@code jp.madoguchi.reports.model}, and their rendering to one PDF, preview pages
 * and print jobs. No JavaFX: the Reports screen (F5) calls it on its task executor.
 */
package jp.madoguchi.app.reporting;
