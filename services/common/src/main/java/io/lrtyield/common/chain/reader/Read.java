package io.lrtyield.common.chain.reader;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The outcome of one on-chain read: a value, or the reason it is unavailable. Exactly one of {@code value} and
 * {@code error} is non-null. Transformations never throw: a failing mapping gives an unavailable read.
 */
public record Read<T>(T value, String error) {

    public Read {
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("a Read holds exactly one of value and error");
        }
    }

    public static <T> Read<T> of(T value) {
        return new Read<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Read<T> unavailable(String reason) {
        return new Read<>(null, reason == null || reason.isBlank() ? "unavailable" : reason);
    }

    public boolean available() {
        return value != null;
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    public T orElse(T fallback) {
        return value != null ? value : fallback;
    }

    /** Applies {@code f} to an available value; a {@link RuntimeException} or a null result makes it unavailable. */
    public <U> Read<U> map(Function<? super T, ? extends U> f) {
        if (value == null) {
            return unavailable(error);
        }
        try {
            U mapped = f.apply(value);
            return mapped == null ? unavailable("mapping gave no value") : of(mapped);
        } catch (RuntimeException e) {
            return unavailable(reason(e));
        }
    }

    /** Prefixes the error, if any, with {@code context}, e.g. the contract the read targeted. */
    public Read<T> describe(String context) {
        return value != null ? this : unavailable(context + ": " + error);
    }

    /** Combines two reads; unavailable if either is (the reasons are joined), or if {@code f} fails. */
    public static <A, B, R> Read<R> combine(Read<A> a, Read<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        if (!a.available() || !b.available()) {
            StringBuilder reason = new StringBuilder();
            if (!a.available()) {
                reason.append(a.error());
            }
            if (!b.available()) {
                reason.append(reason.isEmpty() ? "" : "; ").append(b.error());
            }
            return unavailable(reason.toString());
        }
        return a.map(x -> f.apply(x, b.value()));
    }

    static String reason(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
