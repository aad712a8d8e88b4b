package io.dbaas.orion.shared;

/**
 * One reason a request was refused, naming the field at fault as the client wrote it.
 *
 * <p>Both are cut to a bounded length: a value a client sent is quoted with {@link io.dbaas.orion.Quote}, and this is
 * the net should a message quote one whole.
 */
public record FieldViolation(String field, String detail) {

    static final int MAX_FIELD_LENGTH = 128;
    static final int MAX_DETAIL_LENGTH = 1024;

    public FieldViolation {
        field = cut(field, MAX_FIELD_LENGTH);
        detail = cut(detail, MAX_DETAIL_LENGTH);
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
