package org.liquidpilot.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Python that launch files use in {@code $(eval ...)}: literals, bare arg names, arg/env/optenv/
 * find/anon/dirname calls, arithmetic, comparisons, and/or/not. Values are strings, longs, doubles or booleans;
 * the result prints the way Python's {@code str()} does, so {@code True}/{@code False} feed if/unless.
 */
final class EvalExpression {
    private static final int MAX_TOKENS = 1024;
    private final List<String> tokens;
    private final SubstitutionContext ctx;
    private int pos;

    private EvalExpression(List<String> tokens, SubstitutionContext ctx) {
        this.tokens = tokens;
        this.ctx = ctx;
    }

    static String evaluate(String source, SubstitutionContext ctx) {
        EvalExpression e = new EvalExpression(tokenize(source), ctx);
        Object value = e.or();
        if (e.pos != e.tokens.size()) throw new IllegalArgumentException("$(eval " + source + "): unexpected '" + e.tokens.get(e.pos) + "'");
        return str(value);
    }

    static String str(Object v) {
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) {
            if (d.isInfinite() || d.isNaN()) return d.isNaN() ? "nan" : (d > 0 ? "inf" : "-inf");
            return d == Math.rint(d) && Math.abs(d) < 1e16 ? String.valueOf(d.longValue()) + ".0" : String.valueOf(d);
        }
        return String.valueOf(v);
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) throw new IllegalArgumentException("$(eval " + s + "): unterminated string");
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) j++;
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
                out.add(s.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("+-*/%()<>,".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new IllegalArgumentException("$(eval " + s + "): unexpected character '" + c + "'");
                }
            }
            if (out.size() > MAX_TOKENS) throw new IllegalArgumentException("$(eval ...) expression too long");
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String t) {
        if (t.equals(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) throw new IllegalArgumentException("$(eval ...): expected '" + t + "' but found " + (peek() == null ? "the end" : "'" + peek() + "'"));
    }

    private Object or() {
        Object left = and();
        while (accept("or")) {
            Object right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object and() {
        Object left = not();
        while (accept("and")) {
            Object right = not();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private Object not() {
        if (accept("not")) return !truthy(not());
        return comparison();
    }

    private Object comparison() {
        Object left = additive();
        String op = peek();
        if (op != null && List.of("==", "!=", "<", ">", "<=", ">=").contains(op)) {
            pos++;
            Object right = additive();
            return switch (op) {
                case "==" -> equal(left, right);
                case "!=" -> !equal(left, right);
                default -> {
                    int c = compare(left, right);
                    yield switch (op) {
                        case "<" -> c < 0;
                        case ">" -> c > 0;
                        case "<=" -> c <= 0;
                        default -> c >= 0;
                    };
                }
            };
        }
        return left;
    }

    private Object additive() {
        Object left = multiplicative();
        while (true) {
            if (accept("+")) {
                Object right = multiplicative();
                if (left instanceof String a && right instanceof String b) left = a + b;
                else left = arithmetic('+', left, right);
            } else if (accept("-")) {
                left = arithmetic('-', left, multiplicative());
            } else {
                return left;
            }
        }
    }

    private Object multiplicative() {
        Object left = unary();
        while (true) {
            String op = peek();
            if ("*".equals(op) || "/".equals(op) || "%".equals(op)) {
                pos++;
                left = arithmetic(op.charAt(0), left, unary());
            } else {
                return left;
            }
        }
    }

    private Object unary() {
        if (accept("-")) return arithmetic('-', 0L, unary());
        if (accept("+")) return arithmetic('+', 0L, unary());
        return primary();
    }

    private Object primary() {
        String t = peek();
        if (t == null) throw new IllegalArgumentException("$(eval ...): expression ends too early");
        pos++;
        if (t.equals("(")) {
            Object v = or();
            expect(")");
            return v;
        }
        if (t.startsWith("'") || t.startsWith("\"")) return t.substring(1, t.length() - 1);
        if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
            try {
                return t.contains(".") || t.contains("e") || t.contains("E") ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("$(eval ...): bad number '" + t + "'");
            }
        }
        switch (t) {
            case "True", "true": return true;
            case "False", "false": return false;
            default: break;
        }
        if (accept("(")) {
            List<Object> args = new ArrayList<>();
            if (!accept(")")) {
                do {
                    args.add(or());
                } while (accept(","));
                expect(")");
            }
            return call(t, args);
        }
        if (!Character.isLetter(t.charAt(0)) && t.charAt(0) != '_') throw new IllegalArgumentException("$(eval ...): unexpected '" + t + "'");
        return ctx.arg(t);
    }

    private Object call(String fn, List<Object> args) {
        switch (fn) {
            case "arg": return ctx.arg(string(fn, args, 0, 1));
            case "env": {
                String v = ctx.env(string(fn, args, 0, 1));
                if (v == null) throw new IllegalArgumentException("environment variable '" + args.get(0) + "' is not set");
                return v;
            }
            case "optenv": {
                if (args.isEmpty() || args.size() > 2) throw new IllegalArgumentException("optenv() takes 1 or 2 arguments");
                String v = ctx.env(str(args.get(0)));
                return v != null ? v : args.size() == 2 ? str(args.get(1)) : "";
            }
            case "find": return ctx.findPackage(string(fn, args, 0, 1)).toString();
            case "anon": return ctx.anon(string(fn, args, 0, 1));
            case "dirname":
                if (!args.isEmpty()) throw new IllegalArgumentException("dirname() takes no arguments");
                return ctx.currentFile().toAbsolutePath().getParent().toString();
            case "int": return (long) number(one(fn, args));
            case "float": return number(one(fn, args));
            case "str": return str(one(fn, args));
            default: throw new IllegalArgumentException("$(eval ...): unknown function " + fn + "()");
        }
    }

    private static Object one(String fn, List<Object> args) {
        if (args.size() != 1) throw new IllegalArgumentException(fn + "() takes 1 argument");
        return args.get(0);
    }

    private static String string(String fn, List<Object> args, int index, int count) {
        if (args.size() != count) throw new IllegalArgumentException(fn + "() takes " + count + " argument" + (count == 1 ? "" : "s"));
        return str(args.get(index));
    }

    private static boolean truthy(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Long l) return l != 0;
        if (v instanceof Double d) return d != 0;
        return !String.valueOf(v).isEmpty();
    }

    private static boolean equal(Object a, Object b) {
        if (isNumeric(a) && isNumeric(b)) return number(a) == number(b);
        return a.equals(b);
    }

    private static boolean isNumeric(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    private static int compare(Object a, Object b) {
        if (isNumeric(a) && isNumeric(b)) return Double.compare(number(a), number(b));
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        throw new IllegalArgumentException("$(eval ...): cannot compare " + str(a) + " with " + str(b));
    }

    private static double number(Object v) {
        if (v instanceof Long l) return l;
        if (v instanceof Double d) return d;
        if (v instanceof Boolean b) return b ? 1 : 0;
        try {
            return Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("$(eval ...): '" + v + "' is not a number");
        }
    }

    private static Object arithmetic(char op, Object a, Object b) {
        if (!isNumeric(a) || !isNumeric(b)) throw new IllegalArgumentException("$(eval ...): cannot apply " + op + " to '" + str(a) + "' and '" + str(b) + "'");
        boolean integral = !(a instanceof Double) && !(b instanceof Double) && op != '/';
        if (integral) {
            long x = (long) number(a);
            long y = (long) number(b);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> {
                    if (y == 0) throw new IllegalArgumentException("$(eval ...): division by zero");
                    yield Math.floorMod(x, y);
                }
            };
        }
        double x = number(a);
        double y = number(b);
        if ((op == '/' || op == '%') && y == 0) throw new IllegalArgumentException("$(eval ...): division by zero");
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> x / y;
            default -> x - Math.floor(x / y) * y;
        };
    }
}
