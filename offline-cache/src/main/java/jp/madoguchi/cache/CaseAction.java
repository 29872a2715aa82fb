package jp.madoguchi.cache;

/**
 * A case note or close waiting for central, opened for sending (engine-internal).
 *
 * @param action {@link CaseActionRow#NOTE} or {@link CaseActionRow#CLOSE}
 * @param text   the note text, or the resolution of a close
 */
record CaseAction(long id, String caseId, String action, String staffId, String text) {
}
