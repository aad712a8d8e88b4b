package io.dbaas.orion.account;

/** A field of an account or credential request is missing or wrong. */
public class InvalidAccountRequestException extends RuntimeException {

    private final String field;
    private final String detail;

    public InvalidAccountRequestException(String field, String detail) {
        super(field + " " + detail);
        this.field = field;
        this.detail = detail;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }
}
