package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.AbiTypes;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.StaticArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one generic helper of the readers: a view function's ABI shape, which encodes calls with web3j's
 * {@link FunctionEncoder} and decodes a {@link Multicall3.Result} with {@link FunctionReturnDecoder} into a
 * {@link Read}, wrapping every failure.
 *
 * <p>Decoding is strict where web3j is lenient: a reverted call, empty data (no code at the target), data shorter
 * than the outputs' head or not a whole number of 32-byte words, a head word out of range for its declared type
 * (e.g. a {@code uint8} above 255, an {@code address} with dirty upper bytes, a {@code bool} other than 0/1), an
 * offset or array length pointing past the data (checked recursively before web3j sees it, since web3j allocates
 * whatever length the data claims), a decoder exception or a mapper exception all give an unavailable read with a
 * reason. {@link #decode} never throws.
 *
 * <p>Every output must take exactly one 32-byte head word: elementary types and dynamic types. A struct whose
 * fields are all static (Aave {@code ReserveDataLegacy}, Pendle {@code MarketState}, {@code slot0}) is ABI-encoded
 * exactly like its fields in order, so it is declared flattened.
 */
public final class ViewFunction<T> {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern INTEGER = Pattern.compile("(u?)int(\\d+)");
    private static final String ERROR_SELECTOR = "08c379a0";
    private static final String PANIC_SELECTOR = "4e487b71";
    private static final int MAX_REASON = 200;

    /** Turns the decoded outputs into the domain value; may throw, which makes the read unavailable. */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(Outputs outputs);
    }

    private final String name;
    private final List<Class<? extends Type>> inputs;
    private final List<TypeReference<Type>> outputs;
    private final List<Shape> shapes;
    private final Mapper<T> mapper;
    private final String signature;

    private ViewFunction(String name, List<Class<? extends Type>> inputs, List<TypeReference<?>> outputs, Mapper<T> mapper) {
        this(name, inputs, outputs, mapper, null);
    }

    private ViewFunction(String name, List<Class<? extends Type>> inputs, List<TypeReference<?>> outputs, Mapper<T> mapper,
                         String inputTypes) {
        this.name = Objects.requireNonNull(name, "name");
        this.inputs = List.copyOf(inputs);
        this.outputs = org.web3j.abi.Utils.convert(List.copyOf(outputs));
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException(name + ": a view needs at least one output");
        }
        this.shapes = outputs.stream().map(ref -> shape(name, ref.getType())).toList();
        this.signature = name + "(" + (inputTypes != null ? inputTypes
                : String.join(",", this.inputs.stream().map(AbiTypes::getTypeAString).toList())) + ")";
    }

    /**
     * A view whose inputs include an array or a tuple, whose ABI type the input classes alone do not tell: its canonical
     * input types are given, e.g. {@code "address,address[]"} or {@code "address,(address,uint32),address"}.
     */
    public static <T> ViewFunction<T> of(String name, String inputTypes, List<Class<? extends Type>> inputs,
                                         List<TypeReference<?>> outputs, Mapper<T> mapper) {
        return new ViewFunction<>(name, inputs, outputs, mapper, inputTypes);
    }

    public static <T> ViewFunction<T> of(String name, List<Class<? extends Type>> inputs, List<TypeReference<?>> outputs,
                                         Mapper<T> mapper) {
        return new ViewFunction<>(name, inputs, outputs, mapper);
    }

    /** A view returning a single {@code uint256}. */
    public static ViewFunction<BigInteger> uint256(String name, List<Class<? extends Type>> inputs) {
        return of(name, inputs, List.of(new TypeReference<Uint256>() {
        }), out -> out.uint(0));
    }

    public String name() {
        return name;
    }

    /** The canonical signature, e.g. {@code get_dy(int128,int128,uint256)}. */
    public String signature() {
        return signature;
    }

    /** {@code 0x} + the first 4 bytes of keccak256(signature). */
    public String selector() {
        return org.web3j.crypto.Hash.sha3String(signature).substring(0, 10);
    }

    /** The calldata for these arguments; their web3j types must match the declared inputs exactly. */
    public String encode(Type<?>... args) {
        if (args.length != inputs.size()) {
            throw new IllegalArgumentException(signature + " takes " + inputs.size() + " arguments, got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null || args[i].getClass() != inputs.get(i)) {
                throw new IllegalArgumentException(signature + ": argument " + i + " must be "
                        + AbiTypes.getTypeAString(inputs.get(i)) + ", got " + (args[i] == null ? "null" : args[i].getTypeAsString()));
            }
        }
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    /** One Multicall3 read of this view on {@code target}. */
    public Multicall3.Call call(String target, Type<?>... args) {
        return new Multicall3.Call(checkAddress(target, "target"), encode(args));
    }

    /** Decodes one sub-result; never throws. */
    public Read<T> decode(Multicall3.Result result) {
        if (result == null) {
            return fail("no result");
        }
        byte[] data = result.returnData() == null ? new byte[0] : result.returnData();
        if (!result.success()) {
            return fail("call reverted" + revertReason(data));
        }
        if (data.length == 0) {
            return fail("empty return data (no contract code at the target?)");
        }
        int head = 32 * outputs.size();
        if (data.length < head) {
            return fail("return data too short: " + data.length + " bytes, expected at least " + head);
        }
        if (data.length % 32 != 0) {
            return fail("malformed return data: " + data.length + " bytes is not a whole number of 32-byte words");
        }
        for (int i = 0; i < shapes.size(); i++) {
            String problem = problem(shapes.get(i), data, i);
            if (problem != null) {
                return fail("malformed return data: output " + i + " " + problem);
            }
        }
        List<Type> decoded;
        try {
            decoded = FunctionReturnDecoder.decode(Numeric.toHexString(data), outputs);
        } catch (RuntimeException e) {
            return fail("malformed return data: " + Read.reason(e));
        }
        if (decoded.size() != outputs.size()) {
            return fail("malformed return data: decoded " + decoded.size() + " of " + outputs.size() + " outputs");
        }
        try {
            T value = mapper.map(new Outputs(decoded));
            return value == null ? fail("decoded to no value") : Read.of(value);
        } catch (RuntimeException e) {
            return fail("unusable value: " + Read.reason(e));
        }
    }

    private Read<T> fail(String reason) {
        return Read.unavailable(signature + ": " + reason);
    }

    @Override
    public String toString() {
        return signature;
    }

    // ---- arguments ----

    /** A strictly checked {@code 0x} + 40 hex address argument (web3j would silently pad a short one). */
    public static Address address(String hex) {
        return new Address(checkAddress(hex, "address"));
    }

    private static String checkAddress(String hex, String what) {
        if (hex == null || !ADDRESS.matcher(hex).matches()) {
            throw new IllegalArgumentException(what + " must be 0x followed by 40 hex digits, got " + hex);
        }
        return hex;
    }

    // ---- decoded outputs ----

    /** Typed access to the decoded outputs, by position. */
    public static final class Outputs {
        private final List<Type> values;

        Outputs(List<Type> values) {
            this.values = values;
        }

        public int size() {
            return values.size();
        }

        public Type raw(int i) {
            return values.get(i);
        }

        /** An unsigned or signed integer output. */
        public BigInteger uint(int i) {
            return ((NumericType) values.get(i)).getValue();
        }

        /** A signed integer output (same as {@link #uint}, named for readability). */
        public BigInteger signed(int i) {
            return uint(i);
        }

        /** A small integer output (uint8/16/24, int24 …) as an int; throws if it does not fit. */
        public int smallInt(int i) {
            return uint(i).intValueExact();
        }

        /** A lower-case {@code 0x} + 40 hex address. */
        public String address(int i) {
            return ((Address) values.get(i)).getValue().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean bool(int i) {
            return ((Bool) values.get(i)).getValue();
        }

        /** A unix-seconds output as an Instant; throws if out of range. */
        public Instant timestamp(int i) {
            return Instant.ofEpochSecond(uint(i).longValueExact());
        }

        /** A {@code uint256[]} output. */
        @SuppressWarnings("unchecked")
        public List<BigInteger> uintList(int i) {
            return ((DynamicArray<NumericType>) values.get(i)).getValue().stream().map(NumericType::getValue).toList();
        }

        /** A {@code uint256[][]} output. */
        @SuppressWarnings("unchecked")
        public List<List<BigInteger>> uintMatrix(int i) {
            return ((DynamicArray<DynamicArray<NumericType>>) values.get(i)).getValue().stream()
                    .map(row -> row.getValue().stream().map(NumericType::getValue).toList())
                    .toList();
        }
    }

    // ---- strict structural checks (before web3j, which is lenient and pre-allocates claimed array lengths) ----

    /** The ABI shape of an output: one static word, a dynamic array of a shape, or dynamic bytes/string. */
    private sealed interface Shape permits WordShape, ArrayShape, BytesShape {
    }

    /** A static one-word value; {@code check} gives null if the word is in range, else what is wrong. */
    private record WordShape(java.util.function.Function<byte[], String> check) implements Shape {
    }

    private record ArrayShape(Shape element) implements Shape {
    }

    private record BytesShape() implements Shape {
    }

    private static Shape shape(String function, java.lang.reflect.Type type) {
        Class<?> raw;
        java.lang.reflect.Type[] args = new java.lang.reflect.Type[0];
        if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            args = parameterized.getActualTypeArguments();
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            throw new IllegalArgumentException(function + ": unsupported output type " + type);
        }
        if (DynamicArray.class.isAssignableFrom(raw)) {
            if (args.length != 1) {
                throw new IllegalArgumentException(function + ": declare the element type of " + type);
            }
            return new ArrayShape(shape(function, args[0]));
        }
        if (DynamicBytes.class.isAssignableFrom(raw) || Utf8String.class.isAssignableFrom(raw)) {
            return new BytesShape();
        }
        if (StaticArray.class.isAssignableFrom(raw) || StaticStruct.class.isAssignableFrom(raw)
                || org.web3j.abi.datatypes.DynamicStruct.class.isAssignableFrom(raw) || !Type.class.isAssignableFrom(raw)) {
            throw new IllegalArgumentException(function + ": unsupported output type " + type
                    + " (declare static structs flattened, one word per field)");
        }
        if (Bool.class.isAssignableFrom(raw)) {
            return new WordShape(w -> {
                BigInteger v = new BigInteger(1, w);
                return v.signum() == 0 || v.equals(BigInteger.ONE) ? null : "is not a bool (0 or 1)";
            });
        }
        if (Address.class.isAssignableFrom(raw)) {
            return new WordShape(w -> new BigInteger(1, w).bitLength() <= 160 ? null : "is not an address (upper 12 bytes not zero)");
        }
        @SuppressWarnings("unchecked")
        String abiName = AbiTypes.getTypeAString((Class<? extends Type>) raw);
        Matcher m = INTEGER.matcher(abiName);
        if (m.matches()) {
            int bits = Integer.parseInt(m.group(2));
            if (m.group(1).isEmpty()) {
                // two's complement: the value must be sign-extended from `bits`
                return new WordShape(w -> new BigInteger(w).bitLength() <= bits - 1 ? null : "does not fit in " + abiName);
            }
            return new WordShape(w -> new BigInteger(1, w).bitLength() <= bits ? null : "does not fit in " + abiName);
        }
        return new WordShape(w -> null); // bytesN: any word
    }

    /** Null if output {@code index} (head word and, if dynamic, its tail) is well-formed, else what is wrong. */
    private static String problem(Shape shape, byte[] data, int index) {
        if (shape instanceof WordShape word) {
            return word.check().apply(wordAt(data, 32L * index));
        }
        return tailProblem(shape, data, new BigInteger(1, wordAt(data, 32L * index)), "");
    }

    /** Checks the tail of a dynamic value that starts at {@code position}, recursively for nested arrays. */
    private static String tailProblem(Shape shape, byte[] data, BigInteger position, String path) {
        long size = data.length;
        if (position.mod(BigInteger.valueOf(32)).signum() != 0 || position.compareTo(BigInteger.valueOf(size - 32)) > 0) {
            return path + "has offset " + position + " (not word-aligned or past the " + size + "-byte payload)";
        }
        long at = position.longValueExact();
        BigInteger length = new BigInteger(1, wordAt(data, at));
        long room = size - at - 32;
        BigInteger needed = shape instanceof BytesShape ? length : length.shiftLeft(5);
        if (needed.compareTo(BigInteger.valueOf(room)) > 0) {
            return path + "claims length " + length + ", more than the " + room + " bytes after it";
        }
        if (shape instanceof ArrayShape array) {
            long elements = at + 32;
            int n = length.intValueExact(); // <= room / 32, so it fits
            for (int k = 0; k < n; k++) {
                byte[] head = wordAt(data, elements + 32L * k);
                String problem = array.element() instanceof WordShape word
                        ? word.check().apply(head)
                        : tailProblem(array.element(), data, BigInteger.valueOf(elements).add(new BigInteger(1, head)), path + "element " + k + " ");
                if (problem != null) {
                    return array.element() instanceof WordShape ? path + "element " + k + " " + problem : problem;
                }
            }
        }
        return null;
    }

    private static byte[] wordAt(byte[] data, long offset) {
        return Arrays.copyOfRange(data, (int) offset, (int) offset + 32);
    }

    // ---- revert data ----

    static String revertReason(byte[] data) {
        if (data.length == 0) {
            return " without data";
        }
        String hex = HexFormat.of().formatHex(data);
        try {
            byte[] payload = Arrays.copyOfRange(data, Math.min(4, data.length), data.length);
            if (hex.startsWith(ERROR_SELECTOR) && payload.length >= 32 && payload.length % 32 == 0
                    && problem(new BytesShape(), payload, 0) == null) {
                List<Type> reason = FunctionReturnDecoder.decode(hex.substring(8), org.web3j.abi.Utils.convert(List.of(
                        new TypeReference<Utf8String>() {
                        })));
                if (reason.size() == 1) {
                    String text = reason.get(0).getValue().toString();
                    return ": Error(\"" + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text) + "\")";
                }
            } else if (hex.startsWith(PANIC_SELECTOR) && data.length >= 36) {
                return ": Panic(0x" + new BigInteger(1, Arrays.copyOfRange(data, 4, 36)).toString(16) + ")";
            }
        } catch (RuntimeException e) {
            // fall through to the raw description
        }
        return ": " + data.length + " bytes of revert data starting 0x" + hex.substring(0, Math.min(8, hex.length()));
    }
}
