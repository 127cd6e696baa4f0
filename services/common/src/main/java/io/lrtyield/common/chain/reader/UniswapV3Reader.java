package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint8;

import java.util.List;

/** Uniswap v3 pool {@code slot0()} (reference §6). */
public final class UniswapV3Reader {

    static final ViewFunction<Slot0> SLOT0 = ViewFunction.of("slot0", List.of(),
            List.of(new TypeReference<Uint160>() {
                     },
                    new TypeReference<Int24>() {
                    },
                    new TypeReference<Uint16>() {
                    },
                    new TypeReference<Uint16>() {
                    },
                    new TypeReference<Uint16>() {
                    },
                    new TypeReference<Uint8>() {
                    },
                    new TypeReference<Bool>() {
                    }),
            out -> {
                if (out.uint(0).signum() == 0) {
                    throw new IllegalStateException("pool not initialized (sqrtPriceX96 = 0)");
                }
                return new Slot0(out.uint(0), out.smallInt(1), out.smallInt(2), out.smallInt(3), out.smallInt(4),
                        out.smallInt(5), out.bool(6));
            });

    private UniswapV3Reader() {
    }

    public static Multicall3.Call slot0Call(String pool) {
        return SLOT0.call(pool);
    }

    /** An uninitialized pool ({@code sqrtPriceX96 = 0}) is unavailable: it has no price. */
    public static Read<Slot0> decodeSlot0(Multicall3.Result result) {
        return SLOT0.decode(result);
    }
}
