package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Lido's WithdrawalQueueERC721: {@code requestWithdrawals} locks stETH (approve it to the queue first) and mints one
 * unstETH request per amount, owned by the vault; after the oracle finalizes a request, {@code claimWithdrawal} sends
 * its ETH to the owner, the vault. Each amount must lie within the queue's limits, 100 wei to 1,000 stETH.
 */
public final class LidoWithdrawalQueueCalls {

    /** {@code MIN_STETH_WITHDRAWAL_AMOUNT}: 100 wei. */
    public static final BigInteger MIN_REQUEST = BigInteger.valueOf(100);
    /** {@code MAX_STETH_WITHDRAWAL_AMOUNT}: 1,000 stETH. */
    public static final BigInteger MAX_REQUEST = BigInteger.valueOf(1_000).multiply(BigInteger.TEN.pow(18));

    private final String queue;
    private final String vault;

    public LidoWithdrawalQueueCalls(String queue, String vault) {
        this.queue = queue;
        this.vault = vault;
    }

    /** {@code requestWithdrawals(uint256[] _amounts, address _owner)}, the owner being the vault; amounts from {@link #chunks}. */
    public ContractCall requestWithdrawals(List<BigInteger> stEthAmounts) {
        if (stEthAmounts.isEmpty()) {
            throw new IllegalArgumentException("no amount to request");
        }
        for (BigInteger a : stEthAmounts) {
            if (a.compareTo(MIN_REQUEST) < 0 || a.compareTo(MAX_REQUEST) > 0) {
                throw new IllegalArgumentException("request of " + a + " wei stETH is outside the queue's 100 wei .. 1000 stETH");
            }
        }
        return ContractCall.of(queue, BigInteger.ZERO, "requestWithdrawals",
                new DynamicArray<>(Uint256.class, stEthAmounts.stream().map(Uint256::new).toList()), new Address(vault));
    }

    /** {@code claimWithdrawal(uint256 _requestId)}: ETH to the caller, who must own the finalized request. */
    public ContractCall claimWithdrawal(BigInteger requestId) {
        return ContractCall.of(queue, BigInteger.ZERO, "claimWithdrawal", new Uint256(LidoCalls.positive(requestId)));
    }

    /**
     * {@code stEthWei} split into requests the queue accepts: as many full 1,000-stETH requests as fit, then the rest
     * (the last two balanced when the rest alone would fall under 100 wei). Empty below 100 wei: nothing can be queued.
     */
    public static List<BigInteger> chunks(BigInteger stEthWei) {
        List<BigInteger> out = new ArrayList<>();
        if (stEthWei.compareTo(MIN_REQUEST) < 0) {
            return out;
        }
        BigInteger[] qr = stEthWei.divideAndRemainder(MAX_REQUEST);
        for (long i = 0; i < qr[0].longValueExact(); i++) {
            out.add(MAX_REQUEST);
        }
        BigInteger rest = qr[1];
        if (rest.signum() > 0 && rest.compareTo(MIN_REQUEST) < 0) {
            // e.g. 2,000 stETH + 50 wei: the last full request gives the rest enough to reach the minimum
            out.set(out.size() - 1, MAX_REQUEST.subtract(MIN_REQUEST));
            rest = rest.add(MIN_REQUEST);
        }
        if (rest.signum() > 0) {
            out.add(rest);
        }
        return out;
    }

    public String queue() {
        return queue;
    }
}
