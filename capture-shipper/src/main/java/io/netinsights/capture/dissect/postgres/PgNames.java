package io.netinsights.capture.dissect.postgres;

/**
 * Names of the PostgreSQL protocol 3 messages, by direction, as the protocol documentation names
 * them, and which type bytes each side may send. The same byte means different messages in the two
 * directions ({@code D} is Describe from the client and DataRow from the server).
 */
final class PgNames {

    /** Codes of the messages without a type byte that open a connection. */
    static final int SSL_REQUEST = 80877103;

    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    private PgNames() {}

    /** The frontend (client) message of this type byte, or null if the client cannot send it. */
    static String frontend(int type) {
        switch (type) {
            case 'B':
                return "Bind";
            case 'C':
                return "Close";
            case 'D':
                return "Describe";
            case 'E':
                return "Execute";
            case 'F':
                return "FunctionCall";
            case 'H':
                return "Flush";
            case 'P':
                return "Parse";
            case 'Q':
                return "Query";
            case 'S':
                return "Sync";
            case 'X':
                return "Terminate";
            case 'c':
                return "CopyDone";
            case 'd':
                return "CopyData";
            case 'f':
                return "CopyFail";
            case 'p':
                return "PasswordMessage";
            default:
                return null;
        }
    }

    /** The backend (server) message of this type byte, or null if the server cannot send it. */
    static String backend(int type) {
        switch (type) {
            case 'R':
                return "Authentication";
            case 'K':
                return "BackendKeyData";
            case 'S':
                return "ParameterStatus";
            case 'Z':
                return "ReadyForQuery";
            case 'T':
                return "RowDescription";
            case 'D':
                return "DataRow";
            case 'C':
                return "CommandComplete";
            case 'E':
                return "ErrorResponse";
            case 'N':
                return "NoticeResponse";
            case 'A':
                return "NotificationResponse";
            case '1':
                return "ParseComplete";
            case '2':
                return "BindComplete";
            case '3':
                return "CloseComplete";
            case 'n':
                return "NoData";
            case 's':
                return "PortalSuspended";
            case 'I':
                return "EmptyQueryResponse";
            case 't':
                return "ParameterDescription";
            case 'G':
                return "CopyInResponse";
            case 'H':
                return "CopyOutResponse";
            case 'W':
                return "CopyBothResponse";
            case 'd':
                return "CopyData";
            case 'c':
                return "CopyDone";
            case 'V':
                return "FunctionCallResponse";
            case 'v':
                return "NegotiateProtocolVersion";
            default:
                return null;
        }
    }

    /** Whether only the server sends this type byte, so that its sender is known. */
    static boolean isBackendOnly(int type) {
        return backend(type) != null && frontend(type) == null;
    }

    /** The name of an Authentication request code ({@code "MD5Password"}). */
    static String authentication(int code) {
        switch (code) {
            case 0:
                return "Ok";
            case 2:
                return "KerberosV5";
            case 3:
                return "CleartextPassword";
            case 5:
                return "MD5Password";
            case 7:
                return "GSS";
            case 8:
                return "GSSContinue";
            case 9:
                return "SSPI";
            case 10:
                return "SASL";
            case 11:
                return "SASLContinue";
            case 12:
                return "SASLFinal";
            default:
                return Integer.toString(code);
        }
    }
}
