package io.lrtyield.devnet.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A contract as an npm package publishes it (Hardhat artifact): creation bytecode whose calls into external libraries
 * are 20-byte placeholders ({@code __$<34 hex>$__}) at the offsets {@link #linkReferences} lists. Package and version
 * travel with the bytecode so a deployment can say exactly what it put on chain.
 *
 * @param pkg            npm package name, e.g. {@code @aave/core-v3}
 * @param version        the package version the build copied it from (the one package.json pins)
 * @param sourceName     Solidity source path inside the package
 * @param contractName   contract name
 * @param bytecode       creation bytecode, 0x-prefixed, placeholders unlinked
 * @param linkReferences where each library's address goes
 */
public record NpmArtifact(String pkg, String version, String sourceName, String contractName, String bytecode,
                          List<LinkReference> linkReferences) {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    /** One place a library address goes: byte offset {@code start} into the bytecode (after 0x), {@code length} bytes. */
    public record LinkReference(String source, String library, int start, int length) {

        /** The key {@link #link} looks addresses up by: {@code <source path>:<library name>}. */
        public String id() {
            return source + ":" + library;
        }
    }

    public NpmArtifact {
        linkReferences = List.copyOf(linkReferences);
    }

    /** {@code <sourceName>:<contractName>}: the key by which a contract linking this one as a library names it. */
    public String libraryId() {
        return sourceName + ":" + contractName;
    }

    /** {@code pkg@version}, for logs and deployment records. */
    public String origin() {
        return pkg + "@" + version;
    }

    /**
     * The bytecode with every library placeholder replaced by its deployed address ({@link LinkReference#id} →
     * address). Fails if a library is missing, an offset does not hold a placeholder, or a placeholder is left over.
     */
    public String link(Map<String, String> libraries) {
        StringBuilder code = new StringBuilder(bytecode);
        for (LinkReference ref : linkReferences) {
            String address = libraries.get(ref.id());
            if (address == null || !ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException(contractName + " needs library " + ref.id() + ", got " + address);
            }
            int from = 2 + 2 * ref.start();
            int to = from + 2 * ref.length();
            if (ref.length() != 20 || !code.substring(from, from + 3).equals("__$")) {
                throw new IllegalStateException(contractName + ": no library placeholder at byte " + ref.start() + " for " + ref.id());
            }
            code.replace(from, to, address.substring(2).toLowerCase(Locale.ROOT));
        }
        if (code.indexOf("__$") >= 0) {
            throw new IllegalStateException(contractName + ": unlinked placeholder left at " + code.indexOf("__$"));
        }
        return code.toString();
    }
}
