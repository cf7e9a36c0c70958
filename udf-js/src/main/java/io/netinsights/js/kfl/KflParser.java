package io.netinsights.js.kfl;

import io.netinsights.js.kfl.KflFunctions.RegexLit;
import io.netinsights.js.kfl.KflLexer.Kind;
import io.netinsights.js.kfl.KflLexer.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written recursive-descent parser for KFL. Grammar, loosest binding first:
 *
 * <pre>
 * query    := [or] EOF
 * or       := and (('or' | '||') and)*
 * and      := not (('and' | '&amp;&amp;') not)*
 * not      := ('not' | '!') not | relation
 * relation := operand [('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'in') operand]
 * operand  := '-' operand | postfix
 * postfix  := primary ('.' name ['(' args ')'] | '.' '*' | '[' (string | int | '*') ']')*
 * primary  := number | string | regex | 'true' | 'false' | 'nil' | 'null'
 *           | name ['(' args ')'] | '(' or ')'
 * </pre>
 */
final class KflParser {

    /** Deepest nesting of parentheses, negations and calls; keeps the parser's stack small. */
    static final int MAX_DEPTH = 64;

    private final List<Token> tokens;
    private int p;
    private int depth;

    private KflParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole query; an empty query is {@code true}. */
    static KflNode parse(String src) {
        KflParser parser = new KflParser(KflLexer.tokenize(src));
        if (parser.peek().kind() == Kind.EOF) {
            return new KflNode.Lit(Boolean.TRUE);
        }
        KflNode n = parser.or();
        if (parser.peek().kind() != Kind.EOF) {
            throw parser.unexpected(parser.peek());
        }
        return n;
    }

    private KflNode or() {
        KflNode n = and();
        while (peek().kind() == Kind.OR || isKeyword(peek(), "or")) {
            p++;
            n = new KflNode.Or(n, and());
        }
        return n;
    }

    private KflNode and() {
        KflNode n = not();
        while (peek().kind() == Kind.AND || isKeyword(peek(), "and")) {
            p++;
            n = new KflNode.And(n, not());
        }
        return n;
    }

    private KflNode not() {
        Token t = peek();
        if (t.kind() == Kind.BANG || isKeyword(t, "not")) {
            p++;
            enter(t);
            KflNode n = new KflNode.Not(not());
            depth--;
            return n;
        }
        return relation();
    }

    private KflNode relation() {
        KflNode l = operand();
        Token t = peek();
        KflNode.Op op = KflNode.Op.of(t.kind());
        if (op != null) {
            p++;
            KflNode r = operand();
            if (op == KflNode.Op.EQ || op == KflNode.Op.NE) {
                boolean negate = op == KflNode.Op.NE;
                if (l instanceof RegexLit && !(r instanceof RegexLit)) {
                    return new KflNode.RegexMatch(r, ((RegexLit) l).pattern(), negate);
                }
                if (r instanceof RegexLit && !(l instanceof RegexLit)) {
                    return new KflNode.RegexMatch(l, ((RegexLit) r).pattern(), negate);
                }
            }
            return new KflNode.Compare(op, value(l), value(r));
        }
        if (isKeyword(t, "in")) {
            p++;
            KflNode r = value(operand());
            return new KflNode.In(value(l), r, isHeaders(r));
        }
        return value(l);
    }

    private KflNode operand() {
        Token t = peek();
        if (t.kind() != Kind.MINUS) {
            return postfix();
        }
        p++;
        enter(t);
        KflNode n = value(operand());
        depth--;
        if (n instanceof KflNode.Lit && ((KflNode.Lit) n).value() instanceof Number) {
            return new KflNode.Lit(KflValues.negate((Number) ((KflNode.Lit) n).value()));
        }
        return new KflNode.Neg(n);
    }

    private KflNode postfix() {
        KflNode base = primary();
        if (base instanceof KflNode.Root && isStep(peek())) {
            KflNode.Root r = (KflNode.Root) base;
            base = new KflNode.Root(r.name(), null, r.alias()); // shortcuts are bare names only
        }
        List<KflPath.Step> steps = new ArrayList<>();
        while (isStep(peek())) {
            Token t = tokens.get(p++);
            if (t.kind() == Kind.LBRACKET) {
                steps.add(bracket(steps));
                continue;
            }
            Token name = tokens.get(p++);
            if (name.kind() == Kind.STAR) {
                steps.add(new KflPath.All());
            } else if (name.kind() != Kind.IDENT) {
                throw new KflException(
                        "expected a name after '.', got " + name.describe(), name.pos());
            } else if (peek().kind() == Kind.LPAREN) {
                List<KflNode> args = args(name);
                if (name.text().equals("json")) {
                    if (!args.isEmpty()) {
                        throw new KflException("json() takes no arguments", name.pos());
                    }
                    steps.add(new KflPath.Json());
                } else {
                    base = KflFunctions.method(path(base, steps), name.text(), args, name.pos());
                    steps.clear();
                }
            } else {
                steps.add(new KflPath.Key(name.text(), afterHeaders(steps)));
            }
        }
        return path(base, steps);
    }

    private KflPath.Step bracket(List<KflPath.Step> steps) {
        Token k = tokens.get(p++);
        KflPath.Step step;
        if (k.kind() == Kind.STRING) {
            step = new KflPath.Key(k.text(), afterHeaders(steps));
        } else if (k.kind() == Kind.STAR) {
            step = new KflPath.All();
        } else if (k.kind() == Kind.NUMBER && k.text().length() < 10 && isDigits(k.text())) {
            step = new KflPath.Index(Integer.parseInt(k.text()));
        } else {
            throw new KflException(
                    "expected a string, a non-negative integer or '*' inside '[]', got "
                            + k.describe(),
                    k.pos());
        }
        expect(Kind.RBRACKET);
        return step;
    }

    private KflNode primary() {
        Token t = tokens.get(p++);
        switch (t.kind()) {
            case NUMBER:
                return new KflNode.Lit(KflValues.number(t.text()));
            case STRING:
                return new KflNode.Lit(t.text());
            case REGEX:
                return new RegexLit(KflFunctions.regex(t.text(), t.pos()), t.pos());
            case LPAREN:
                enter(t);
                KflNode inner = or();
                expect(Kind.RPAREN);
                depth--;
                return value(inner);
            case IDENT:
                return identifier(t);
            default:
                throw unexpected(t);
        }
    }

    private KflNode identifier(Token t) {
        switch (t.text()) {
            case "true":
                return new KflNode.Lit(Boolean.TRUE);
            case "false":
                return new KflNode.Lit(Boolean.FALSE);
            case "nil":
            case "null":
                return new KflNode.Lit(null);
            case "and":
            case "or":
            case "not":
            case "in":
                throw unexpected(t);
            default:
                break;
        }
        if (peek().kind() == Kind.LPAREN) {
            return KflFunctions.call(t.text(), args(t), t.pos());
        }
        return new KflNode.Root(
                t.text(), KflNames.SHORTCUTS.get(t.text()), KflNames.ALIASES.get(t.text()));
    }

    private List<KflNode> args(Token callee) {
        Token open = expect(Kind.LPAREN);
        enter(open);
        List<KflNode> args = new ArrayList<>();
        if (peek().kind() != Kind.RPAREN) {
            args.add(or());
            while (peek().kind() == Kind.COMMA) {
                p++;
                args.add(or());
            }
        }
        expect(Kind.RPAREN);
        depth--;
        return args;
    }

    private static KflNode path(KflNode base, List<KflPath.Step> steps) {
        return steps.isEmpty() ? base : new KflPath(KflFunctions.value(base, 0), steps);
    }

    private KflNode value(KflNode n) {
        return KflFunctions.value(n, -1);
    }

    private static boolean afterHeaders(List<KflPath.Step> steps) {
        return !steps.isEmpty()
                && steps.get(steps.size() - 1) instanceof KflPath.Key
                && ((KflPath.Key) steps.get(steps.size() - 1)).name().equalsIgnoreCase("headers");
    }

    private static boolean isHeaders(KflNode n) {
        return n instanceof KflPath && afterHeaders(((KflPath) n).steps());
    }

    private static boolean isDigits(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isStep(Token t) {
        return t.kind() == Kind.DOT || t.kind() == Kind.LBRACKET;
    }

    private static boolean isKeyword(Token t, String word) {
        return t.kind() == Kind.IDENT && t.text().equals(word);
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token expect(Kind kind) {
        Token t = tokens.get(p);
        if (t.kind() != kind) {
            throw unexpected(t);
        }
        p++;
        return t;
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw new KflException("expression nested deeper than " + MAX_DEPTH, t.pos());
        }
    }

    private KflException unexpected(Token t) {
        return new KflException("unexpected " + t.describe(), t.pos());
    }
}
