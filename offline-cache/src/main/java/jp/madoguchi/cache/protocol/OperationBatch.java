package jp.madoguchi.cache.protocol;

import java.util.List;

/** The body of {@code POST /v1/operations}: 1..500 operations in seq order. */
public record OperationBatch(String terminalId, List<WireOperation> operations) {
    public static final int MAX_OPERATIONS = 500;
}
