package dev.corvid.server.etl.process;

/** Why a batch stopped taking items; recorded with every batch. */
public enum BatchEndReason {
    END_OF_DATA("No more items to process"),
    ITEM_LIMIT("Stopping the batch because it has already processed max number of items"),
    SIZE_LIMIT("Stopping the batch because maximum batch size limit was reached"),
    TIME_LIMIT("Stopping the batch due to extract and transform processing timeout");

    private final String description;

    BatchEndReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
