package dev.corvid.server.documents.query;

import java.util.Arrays;
import java.util.Optional;

/** How {@code order by} compares values: {@code as string} (the default), {@code long}, {@code double}, {@code alphaNumeric}. */
public enum OrderType {
    /** Text order ignoring case; numbers are compared by their text, as in RavenDB. */
    STRING("string"),
    /** Whole numbers; values that are not numbers sort like missing ones. */
    LONG("long"),
    /** Numbers; values that are not numbers sort like missing ones. */
    DOUBLE("double"),
    /** Natural order: runs of digits compare by their numeric value ({@code item2 < item10}). */
    ALPHA_NUMERIC("alphaNumeric");

    private final String rqlName;

    OrderType(String rqlName) {
        this.rqlName = rqlName;
    }

    /** The name after {@code as} in RQL. */
    public String rqlName() {
        return rqlName;
    }

    /** Reads the name after {@code as}, ignoring case. */
    public static Optional<OrderType> ofRqlName(String name) {
        return Arrays.stream(values()).filter(t -> t.rqlName.equalsIgnoreCase(name)).findFirst();
    }
}
