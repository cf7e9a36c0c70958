package io.netinsights.policy;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An IPv4 or IPv6 CIDR block, as {@code ipBlock.cidr} and {@code ipBlock.except} hold them. */
public final class Cidr implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, Cidr> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final byte[] network;
    private final int prefix;

    private Cidr(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code a.b.c.d/n} or {@code x::y/n}; host bits may be set (they are ignored). */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR is missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (no /prefix): " + text);
        }
        byte[] addr = IpAddresses.parse(text.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + text, e);
        }
        if (addr.length == 4 && text.substring(0, slash).indexOf(':') >= 0) {
            // An IPv4-mapped IPv6 block (::ffff:a.b.c.d/n) is the IPv4 block /n-96, as in Go.
            if (prefix < 96) {
                throw new IllegalArgumentException(
                        "an IPv4-mapped CIDR needs a prefix of 96 or more: " + text);
            }
            prefix -= 96;
        }
        int max = addr.length * 8;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException(
                    "CIDR prefix must be 0.." + max + " for this address family: " + text);
        }
        return new Cidr(text, mask(addr, prefix), prefix);
    }

    /** Like {@link #parse}, remembering the result: policies are evaluated per flow. */
    public static Cidr cached(String text) {
        Cidr c = CACHE.get(text);
        if (c == null) {
            c = parse(text);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(text, c);
        }
        return c;
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = Arrays.copyOf(addr, addr.length);
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    /** Whether the address (4 or 16 bytes) is in this block; never across address families. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefix), network);
    }

    /** Whether the literal IP is in this block; false for text that is not an IP. */
    public boolean contains(String ip) {
        return contains(IpAddresses.tryParse(ip));
    }

    /** Whether every address of {@code other} is in this block. */
    public boolean covers(Cidr other) {
        return other.network.length == network.length
                && other.prefix >= prefix
                && contains(other.network);
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    @Override
    public String toString() {
        return text;
    }
}
