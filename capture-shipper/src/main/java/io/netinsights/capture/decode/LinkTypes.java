package io.netinsights.capture.decode;

/**
 * The link-layer types the decoder understands (libpcap DLT values as {@code pcap_datalink} reports
 * them, which for files are the LINKTYPE values mapped to the local DLT) and where the IP header
 * starts in each.
 */
public final class LinkTypes {

    /** BSD loopback: 4-byte address family in host order. */
    public static final int NULL = 0;

    public static final int ETHERNET = 1;

    /** Raw IP as libpcap reports it on most systems. */
    public static final int RAW = 12;

    /** Raw IP as OpenBSD reports it. */
    public static final int RAW_OPENBSD = 14;

    /** LINKTYPE_RAW as stored in files. */
    public static final int LINKTYPE_RAW = 101;

    /** OpenBSD loopback: 4-byte address family in network order. */
    public static final int LOOP = 108;

    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private static final int USBPCAP = 249;
    private static final int EBHSCR = 279;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int NO_IP = -1;

    private LinkTypes() {}

    /**
     * The DLT for a LINKTYPE value stored in a capture file, as libpcap maps it on Linux: {@link
     * #LINKTYPE_RAW} becomes {@link #RAW}, and every type this decoder knows keeps its value.
     */
    public static int fromFileLinkType(int linkType) {
        return linkType == LINKTYPE_RAW ? RAW : linkType;
    }

    /**
     * The largest capture length a file record may have for this link type: libpcap's limit, except
     * that D-Bus records (128 MiB there) stop at 256 KiB like every other type, which bounds the
     * read buffer.
     */
    public static int maxCaptureLength(int dlt) {
        switch (dlt) {
            case EBHSCR:
                return 8 * 1024 * 1024;
            case USBPCAP:
                return 1024 * 1024;
            default:
                return 262144;
        }
    }

    /** Whether frames of this link type can be decoded. */
    public static boolean isSupported(int dlt) {
        switch (dlt) {
            case NULL:
            case ETHERNET:
            case RAW:
            case RAW_OPENBSD:
            case LINKTYPE_RAW:
            case LOOP:
            case LINUX_SLL:
            case IPV4:
            case IPV6:
            case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }

    /**
     * Offset of the IP header in a frame, or {@link #NO_IP} when the frame carries something else
     * (ARP, LLC, ...) or is too short. The IP version is checked by the caller.
     */
    static int ipOffset(int dlt, byte[] b, int len) {
        switch (dlt) {
            case ETHERNET:
                return len < 14 ? NO_IP : afterEtherType(b, len, 12);
            case LINUX_SLL:
                return len < 16 ? NO_IP : afterEtherType(b, len, 14);
            case LINUX_SLL2:
                return len < 20 ? NO_IP : ipIfEtherTypeIsIp(u16(b, 0), 20);
            case NULL:
            case LOOP:
                // The family field's byte order depends on the capturing host; the IP version
                // nibble that follows is unambiguous.
                return len < 5 ? NO_IP : 4;
            case RAW:
            case RAW_OPENBSD:
            case LINKTYPE_RAW:
            case IPV4:
            case IPV6:
                return 0;
            default:
                return NO_IP;
        }
    }

    /** Follows 802.1Q / 802.1ad / QinQ tags starting at the EtherType field at {@code pos}. */
    private static int afterEtherType(byte[] b, int len, int pos) {
        int type = u16(b, pos);
        int next = pos + 2;
        int tags = 0;
        while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && tags < 4) {
            if (next + 4 > len) {
                return NO_IP;
            }
            type = u16(b, next + 2);
            next += 4;
            tags++;
        }
        return ipIfEtherTypeIsIp(type, next);
    }

    private static int ipIfEtherTypeIsIp(int type, int offset) {
        return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 ? offset : NO_IP;
    }

    private static int u16(byte[] b, int off) {
        return Bytes.u16(b, off);
    }
}
