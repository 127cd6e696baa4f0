package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.AbiWords;
import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vault's requests in ether.fi's WithdrawRequestNFT, as Multicall3 calls and their decoding (mainnet signatures).
 * The NFT has no owner enumeration, so the candidate ids are those minted to the vault ({@code Transfer(0, vault, id)}
 * logs, found by the caller and {@link #add added} as new blocks come); each block then reads, per id,
 * {@code ownerOf(id)}, {@code getRequest(id)} = (amountOfEEth, shareOfEEth, isValid, feeGwei), {@code isFinalized(id)}
 * and {@code getClaimableAmount(id)} (reverts until finalized), and once the LiquidityPool's
 * {@code getTotalPooledEther()} and eETH's {@code totalShares()}. An id whose {@code ownerOf} reverts (claimed: burnt)
 * or names another owner (transferred) drops out for good.
 * <p>A request's value, the ETH it pays less its fee: once finalized its frozen {@code getClaimableAmount}; before, the
 * lower of its eETH amount and its shares at the pool's current rate (what finalization now would freeze).
 */
public final class EtherFiQueueReader {

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private final String venueId;
    private final String nft;
    private final String liquidityPool;
    private final String eEth;
    private final String vault;
    private final Set<BigInteger> ids = new TreeSet<>();

    public EtherFiQueueReader(String venueId, String nft, String liquidityPool, String eEth, String vault) {
        this.venueId = venueId;
        this.nft = nft;
        this.liquidityPool = liquidityPool;
        this.eEth = eEth;
        this.vault = vault.toLowerCase();
    }

    /** What one read found: the vault's requests, the ids that dropped out, or an error. */
    public record Decoded(List<LrtWithdrawalRequest> requests, List<BigInteger> gone, String error) {
    }

    public String venueId() {
        return venueId;
    }

    public String nft() {
        return nft;
    }

    /** Candidate ids minted to the vault. */
    public synchronized void add(List<BigInteger> minted) {
        ids.addAll(minted);
    }

    /** The candidate ids, ascending. */
    public synchronized List<BigInteger> ids() {
        return List.copyOf(ids);
    }

    /** Drops ids that are no longer the vault's. */
    public synchronized void drop(List<BigInteger> gone) {
        gone.forEach(ids::remove);
    }

    /** The two rate reads, then four reads per id. */
    public List<Multicall3.Call> calls(List<BigInteger> asked) {
        List<Multicall3.Call> out = new ArrayList<>();
        out.add(call(liquidityPool, "getTotalPooledEther"));
        out.add(call(eEth, "totalShares"));
        for (BigInteger id : asked) {
            out.add(call(nft, "ownerOf", new Uint256(id)));
            out.add(call(nft, "getRequest", new Uint256(id)));
            out.add(call(nft, "isFinalized", new Uint256(id)));
            out.add(call(nft, "getClaimableAmount", new Uint256(id)));
        }
        return out;
    }

    /** Decodes the results of {@link #calls}{@code (asked)}. */
    public Decoded decode(List<Multicall3.Result> results, List<BigInteger> asked) {
        try {
            BigInteger pooled = AbiWords.words(results.get(0))[0];
            BigInteger shares = AbiWords.words(results.get(1))[0];
            List<LrtWithdrawalRequest> out = new ArrayList<>();
            List<BigInteger> gone = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                BigInteger id = asked.get(i);
                Multicall3.Result owner = results.get(2 + 4 * i);
                if (!owner.success() || !vault.equals(address(AbiWords.words(owner)[0]))) {
                    gone.add(id);
                    continue;
                }
                BigInteger[] request = AbiWords.words(results.get(3 + 4 * i));
                boolean finalized = AbiWords.words(results.get(4 + 4 * i))[0].signum() != 0;
                boolean valid = request[2].signum() != 0;
                BigInteger pays;
                if (finalized) {
                    pays = AbiWords.words(results.get(5 + 4 * i))[0];
                } else {
                    BigInteger forShares = shares.signum() == 0 ? BigInteger.ZERO : request[1].multiply(pooled).divide(shares);
                    pays = request[0].min(forShares);
                }
                BigInteger fee = request[3].multiply(GWEI);
                out.add(new LrtWithdrawalRequest(venueId, "weETH", id.intValueExact(), pays.subtract(fee).max(BigInteger.ZERO),
                        finalized && valid));
            }
            return new Decoded(out, gone, null);
        } catch (RuntimeException e) {
            return new Decoded(List.of(), List.of(), venueId + " withdrawal requests: " + e.getMessage());
        }
    }

    private static String address(BigInteger word) {
        return String.format("0x%040x", word);
    }

    private static Multicall3.Call call(String target, String name, Type... args) {
        return new Multicall3.Call(target, FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }
}
