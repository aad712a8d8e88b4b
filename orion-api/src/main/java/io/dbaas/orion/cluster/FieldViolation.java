package io.dbaas.orion.cluster;

/** One reason a request was refused, naming the field at fault as the client wrote it. */
public record FieldViolation(String field, String detail) {}
