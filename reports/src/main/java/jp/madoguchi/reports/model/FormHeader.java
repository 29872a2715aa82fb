package jp.madoguchi.reports.model;

import java.time.LocalDateTime;

/**
 * What every form carries (counter-rules §6): office, workstation, clerk, approving supervisor,
 * operation id and local seq, date and time, sync state and the training flag.
 *
 * @param supervisorName the approving supervisor, or null when the operation needed no approval
 * @param synced         true once the outbox entry is ACKED; false prints 「未送信」 (PR-52)
 * @param training       prints the 「訓練用・無効」 watermark
 */
public record FormHeader(String officeName, String officeCode, String workstationId,
                         @NameText String clerkName, String clerkId, @NameText String supervisorName,
                         String operationId, long localSeq, LocalDateTime at, boolean synced, boolean training) {
    public FormHeader {
        Fields.required("header.officeName", officeName);
        Fields.required("header.officeCode", officeCode);
        Fields.required("header.workstationId", workstationId);
        Fields.required("header.clerkName", clerkName);
        Fields.required("header.clerkId", clerkId);
        Fields.required("header.operationId", operationId);
        Fields.required("header.at", at);
    }

    /** The receipt number printed for the resident: the last 8 characters of the operation id. */
    public String shortOperationId() {
        String id = operationId.replace("-", "");
        return id.length() <= 8 ? id : id.substring(id.length() - 8);
    }
}
