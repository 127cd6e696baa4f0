package io.lrtyield.common.runtime;

/** RFC 9457 problem details. */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
