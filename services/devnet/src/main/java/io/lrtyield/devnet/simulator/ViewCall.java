package io.lrtyield.devnet.simulator;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/** The simulator's view reads at the latest block: one {@code eth_call} and the words of its return data. */
public final class ViewCall {

    private ViewCall() {
    }

    /** {@code view(args)} on {@code contract}: the raw return data (hex); fails on an error or no result. */
    public static String call(Web3j web3j, String contract, String view, Type... args) throws IOException {
        String data = FunctionEncoder.encode(new Function(view, List.of(args), List.of()));
        var response = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, data), DefaultBlockParameterName.LATEST).send();
        if (response.hasError() || response.getValue() == null) {
            throw new IOException(view + " on " + contract + " failed: "
                    + (response.hasError() ? response.getError().getMessage() : "no result"));
        }
        return response.getValue();
    }

    /** A uint view: the first word of its return data. */
    public static BigInteger uint(Web3j web3j, String contract, String view, Type... args) throws IOException {
        return word(call(web3j, contract, view, args), 0);
    }

    /** The 32-byte word {@code index} of ABI return data. */
    public static BigInteger word(String hex, int index) throws IOException {
        int start = 2 + 64 * index;
        if (hex.length() < start + 64) {
            throw new IOException("return data has no word " + index + ": " + hex);
        }
        return new BigInteger(hex.substring(start, start + 64), 16);
    }
}
