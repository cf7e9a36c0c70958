package io.netinsights.js.kfl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a KFL query into tokens by scanning characters once; no regular expressions, so a query
 * costs time linear in its length.
 */
final class KflLexer {

    /**
     * Token kinds; keywords such as {@code and} arrive as {@link #IDENT} and the parser reads them.
     */
    enum Kind {
        IDENT,
        STRING,
        REGEX,
        NUMBER,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        DOT,
        COMMA,
        STAR,
        MINUS,
        BANG,
        AND,
        OR,
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        EOF
    }

    /** One token: its kind, its decoded text (string contents without quotes) and its offset. */
    record Token(Kind kind, String text, int pos) {

        /** How the token reads in an error message. */
        String describe() {
            switch (kind) {
                case EOF:
                    return "end of query";
                case STRING:
                    return "string \"" + abbreviate(text) + "\"";
                case REGEX:
                    return "regex r\"" + abbreviate(text) + "\"";
                default:
                    return "'" + abbreviate(text) + "'";
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 24 ? s : s.substring(0, 21) + "...";
        }
    }

    private final String src;
    private int i;

    private KflLexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        return new KflLexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
                i++;
            }
            if (i >= src.length()) {
                out.add(new Token(Kind.EOF, "", src.length()));
                return out;
            }
            out.add(next());
        }
    }

    private Token next() {
        int start = i;
        char c = src.charAt(i);
        char n = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
        if ((c == 'r' || c == 'R') && (n == '"' || n == '\'' || n == '`')) {
            i++;
            return new Token(Kind.REGEX, quoted(start, true), start);
        }
        if (isIdentStart(c)) {
            while (i < src.length() && isIdentPart(src.charAt(i))) {
                i++;
            }
            return new Token(Kind.IDENT, src.substring(start, i), start);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '"' || c == '\'') {
            return new Token(Kind.STRING, quoted(start, false), start);
        }
        if (c == '`') {
            return new Token(Kind.STRING, quoted(start, true), start);
        }
        switch (c) {
            case '(':
                return single(Kind.LPAREN, start);
            case ')':
                return single(Kind.RPAREN, start);
            case '[':
                return single(Kind.LBRACKET, start);
            case ']':
                return single(Kind.RBRACKET, start);
            case '.':
                return single(Kind.DOT, start);
            case ',':
                return single(Kind.COMMA, start);
            case '*':
                return single(Kind.STAR, start);
            case '-':
                return single(Kind.MINUS, start);
            case '!':
                return n == '=' ? pair(Kind.NE, start) : single(Kind.BANG, start);
            case '=':
                if (n == '=') {
                    return pair(Kind.EQ, start);
                }
                throw new KflException("unexpected '=' (use '==')", start);
            case '<':
                return n == '=' ? pair(Kind.LE, start) : single(Kind.LT, start);
            case '>':
                return n == '=' ? pair(Kind.GE, start) : single(Kind.GT, start);
            case '&':
                if (n == '&') {
                    return pair(Kind.AND, start);
                }
                throw new KflException("unexpected '&' (use '&&' or 'and')", start);
            case '|':
                if (n == '|') {
                    return pair(Kind.OR, start);
                }
                throw new KflException("unexpected '|' (use '||' or 'or')", start);
            default:
                throw new KflException("unexpected '" + c + "'", start);
        }
    }

    private Token single(Kind kind, int start) {
        i++;
        return new Token(kind, src.substring(start, i), start);
    }

    private Token pair(Kind kind, int start) {
        i += 2;
        return new Token(kind, src.substring(start, i), start);
    }

    private Token number(int start) {
        while (i < src.length() && isDigit(src.charAt(i))) {
            i++;
        }
        if (i + 1 < src.length() && src.charAt(i) == '.' && isDigit(src.charAt(i + 1))) {
            i++;
            while (i < src.length() && isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int mark = i++;
            if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                i++;
            }
            if (i >= src.length() || !isDigit(src.charAt(i))) {
                throw new KflException("malformed number exponent", mark);
            }
            while (i < src.length() && isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < src.length() && isIdentStart(src.charAt(i))) {
            throw new KflException("unexpected '" + src.charAt(i) + "' after a number", i);
        }
        return new Token(Kind.NUMBER, src.substring(start, i), start);
    }

    /**
     * Reads a quoted literal starting at {@code start} (the quote, or the {@code r} of a regex).
     * Regex literals keep backslash escapes verbatim for the regex engine (a backslash only stops
     * the next quote from closing the literal); backquoted strings, as in Go, have no escapes.
     */
    private String quoted(int start, boolean raw) {
        char quote = src.charAt(i++);
        StringBuilder sb = new StringBuilder();
        while (i < src.length()) {
            char c = src.charAt(i++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\' || quote == '`') {
                sb.append(c);
            } else if (i >= src.length()) {
                break;
            } else if (raw) {
                sb.append('\\').append(src.charAt(i++));
            } else {
                escape(sb);
            }
        }
        String what = src.charAt(start) == 'r' || src.charAt(start) == 'R' ? "regex" : "string";
        throw new KflException("unterminated " + what, start);
    }

    private void escape(StringBuilder sb) {
        int at = i - 1;
        char e = src.charAt(i++);
        switch (e) {
            case 'n':
                sb.append('\n');
                break;
            case 't':
                sb.append('\t');
                break;
            case 'r':
                sb.append('\r');
                break;
            case 'b':
                sb.append('\b');
                break;
            case 'f':
                sb.append('\f');
                break;
            case '"':
            case '\'':
            case '\\':
            case '/':
                sb.append(e);
                break;
            case 'u':
                if (i + 4 > src.length()) {
                    throw new KflException("malformed \\u escape", at);
                }
                int cp = 0;
                for (int k = 0; k < 4; k++) {
                    int d = Character.digit(src.charAt(i++), 16);
                    if (d < 0) {
                        throw new KflException("malformed \\u escape", at);
                    }
                    cp = cp * 16 + d;
                }
                sb.append((char) cp);
                break;
            default:
                throw new KflException("unknown escape '\\" + e + "'", at);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }
}
