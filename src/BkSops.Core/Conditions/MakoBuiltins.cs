using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>A builtin function the subset evaluates (a value only while it is being called).</summary>
    internal sealed class MakoBuiltin
    {
        public MakoBuiltin(string name) { Name = name; }
        public string Name { get; }
    }

    /// <summary>
    /// The builtins and methods of the expression subset: <c>int float str bool len abs min max round sum</c>, the
    /// <c>str</c> methods <c>upper lower strip lstrip rstrip split replace startswith endswith join find count</c> and
    /// <c>dict.get</c>. The builtins bk-sops' template sandbox shields (<c>MAKO_SANDBOX_SHIELD_WORDS</c>: eval, exec,
    /// getattr, open, type, repr, ...) are None there, so calling them raises TypeError, as on the server.
    /// </summary>
    internal static class MakoBuiltins
    {
        private static readonly HashSet<string> Evaluated = new HashSet<string>(StringComparer.Ordinal)
        {
            "int", "float", "str", "bool", "len", "abs", "min", "max", "round", "sum",
        };

        // bk-sops config/default.py MAKO_SANDBOX_SHIELD_WORDS (pinned commit 1c5e18d).
        private static readonly HashSet<string> Shielded = new HashSet<string>(StringComparer.Ordinal)
        {
            "ascii", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "delattr", "dir", "divmod", "exec", "eval",
            "filter", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "id", "input", "isinstance", "issubclass", "iter",
            "locals", "map", "memoryview", "next", "object", "open", "print", "property", "repr", "setattr", "staticmethod", "super",
            "type", "vars", "__import__",
        };

        public static bool IsShielded(string name) => Shielded.Contains(name);

        public static MakoBuiltin? Find(string name) => Evaluated.Contains(name) ? new MakoBuiltin(name) : null;

        public static object? Call(object? callee, string? name, List<object?> args)
        {
            if (!(callee is MakoBuiltin builtin))
                return MakoOps.Raise("TypeError", "'" + MakoOps.TypeName(callee) + "' object is not callable");
            try
            {
                return CallBuiltin(builtin.Name, args);
            }
            catch (PythonException e)
            {
                return new MakoFailure(e);
            }
        }

        private static object? CallBuiltin(string name, List<object?> args)
        {
            switch (name)
            {
                case "int":
                    if (args.Count == 0) return BigInteger.Zero;
                    Arity(name, args, 1);
                    if (args[0] is MakoTuple) return TypeError("int() argument must be a string, a bytes-like object or a real number, not 'tuple'");
                    return MakoOps.CheckedInt(PyOps.ToInt(args[0]));
                case "float":
                    if (args.Count == 0) return 0.0;
                    Arity(name, args, 1);
                    if (args[0] is MakoTuple) return TypeError("float() argument must be a string or a real number, not 'tuple'");
                    return PyOps.ToFloat(args[0]);
                case "str":
                    if (args.Count == 0) return "";
                    Arity(name, args, 1);
                    if (args[0] is MakoTuple) throw new MakoUnsupportedException("str() of a tuple");
                    return MakoOps.CheckedString(PyFormat.Str(args[0]));
                case "bool":
                    if (args.Count == 0) return false;
                    Arity(name, args, 1);
                    return MakoOps.Truthy(args[0]);
                case "len":
                    Arity(name, args, 1);
                    switch (args[0])
                    {
                        case string s: return new BigInteger(PythonText.Length(s));
                        case PyList l: return new BigInteger(l.Count);
                        case PyDict d: return new BigInteger(d.Count);
                        case MakoTuple t: return new BigInteger(t.Items.Count);
                        default: return TypeError("object of type '" + MakoOps.TypeName(args[0]) + "' has no len()");
                    }
                case "abs":
                    Arity(name, args, 1);
                    if (args[0] is double d0) return Math.Abs(d0);
                    if (MakoOps.TryInt(args[0], out var whole)) return BigInteger.Abs(whole);
                    return TypeError("bad operand type for abs(): '" + MakoOps.TypeName(args[0]) + "'");
                case "min":
                case "max":
                    return Extreme(name, args);
                case "round":
                    if (args.Count != 1) throw new MakoUnsupportedException("round() with ndigits");
                    if (MakoOps.TryInt(args[0], out var integer)) return integer;
                    if (args[0] is double d1)
                    {
                        if (double.IsNaN(d1)) throw new PythonException("ValueError", "cannot convert float NaN to integer");
                        if (double.IsInfinity(d1)) throw new PythonException("OverflowError", "cannot convert float infinity to integer");
                        return MakoOps.CheckedInt(new BigInteger(Math.Round(d1, MidpointRounding.ToEven)));
                    }
                    return TypeError("type " + MakoOps.TypeName(args[0]) + " doesn't define __round__ method");
                default: // sum
                {
                    if (args.Count < 1 || args.Count > 2) return TypeError("sum() takes at most 2 arguments (" + args.Count + " given)");
                    object? total = args.Count == 2 ? args[1] : BigInteger.Zero;
                    if (total is string) return TypeError("sum() can't sum strings [use ''.join(seq) instead]");
                    foreach (var item in Iterate(args[0]))
                    {
                        total = MakoOps.Binary("+", total, item);
                        if (total is MakoFailure) return total;
                    }
                    return total;
                }
            }
        }

        private static object? Extreme(string name, List<object?> args)
        {
            if (args.Count == 0) return TypeError(name + " expected at least 1 argument, got 0");
            var items = args.Count == 1 ? new List<object?>(Iterate(args[0])) : args;
            if (items.Count == 0) throw new PythonException("ValueError", name + "() arg is an empty sequence");
            var best = items[0];
            for (int i = 1; i < items.Count; i++)
            {
                var better = MakoOps.Compare(name == "max" ? ">" : "<", items[i], best);
                if (better is MakoFailure) return better;
                if ((bool)better!) best = items[i];
            }
            return best;
        }

        /// <summary>The items Python's iteration gives: a list's or tuple's items, a text's characters, a dict's keys.</summary>
        private static IEnumerable<object?> Iterate(object? v)
        {
            switch (v)
            {
                case PyList l: return l;
                case MakoTuple t: return t.Items;
                case string s: return MakoText.CodePoints(s);
                case PyDict d:
                {
                    var keys = new List<object?>();
                    foreach (var p in d.Items) keys.Add(p.Key);
                    return keys;
                }
                default: throw new PythonException("TypeError", "'" + MakoOps.TypeName(v) + "' object is not iterable");
            }
        }

        private static void Arity(string name, List<object?> args, int count)
        {
            if (args.Count != count) throw new PythonException("TypeError", name + "() takes exactly " + count + " argument (" + args.Count + " given)");
        }

        private static MakoFailure TypeError(string message) => MakoOps.Raise("TypeError", message);

        // ---- methods ----

        public static object? CallMethod(object? target, string method, List<object?> args)
        {
            try
            {
                if (target is string s) return StrMethod(s, method, args);
                if (target is PyDict d && method == "get")
                {
                    if (args.Count < 1 || args.Count > 2) return TypeError("get expected at most 2 arguments, got " + args.Count);
                    foreach (var p in d.Items)
                        if (PyOps.Eq(p.Key, args[0])) return p.Value;
                    return args.Count == 2 ? args[1] : null;
                }
                if (target == null) return MakoOps.Raise("AttributeError", "'NoneType' object has no attribute '" + method + "'");
                throw new MakoUnsupportedException("the method " + MakoOps.TypeName(target) + "." + method + "()");
            }
            catch (PythonException e)
            {
                return new MakoFailure(e);
            }
        }

        private static object? StrMethod(string s, string method, List<object?> args)
        {
            switch (method)
            {
                case "upper":
                case "lower":
                {
                    NoArguments(method, args);
                    return MakoText.ChangeCase(s, method == "upper") ?? throw new MakoUnsupportedException("str." + method + "() of text with special case mappings");
                }
                case "strip":
                case "lstrip":
                case "rstrip":
                {
                    if (args.Count > 1) return TypeError(method + " expected at most 1 argument, got " + args.Count);
                    string? chars = args.Count == 0 || args[0] == null ? null : args[0] as string ?? throw new PythonException("TypeError", method + " arg must be None or str");
                    if (chars != null && chars.Length > 0 && HasSurrogate(chars)) throw new MakoUnsupportedException("stripping characters outside the BMP");
                    return MakoText.Strip(s, chars, method != "rstrip", method != "lstrip");
                }
                case "split":
                {
                    if (args.Count > 2) return TypeError("split() takes at most 2 arguments (" + args.Count + " given)");
                    string? sep = args.Count == 0 || args[0] == null ? null : args[0] as string ?? throw new PythonException("TypeError", "must be str or None, not " + MakoOps.TypeName(args[0]));
                    if (sep != null && sep.Length == 0) throw new PythonException("ValueError", "empty separator");
                    int max = -1;
                    if (args.Count == 2)
                    {
                        if (!MakoOps.TryInt(args[1], out var m)) return TypeError("'" + MakoOps.TypeName(args[1]) + "' object cannot be interpreted as an integer");
                        max = m.Sign < 0 ? -1 : m > MakoOps.MaxListLength ? MakoOps.MaxListLength : (int)m;
                    }
                    return MakoOps.CheckedList(MakoText.Split(s, sep, max));
                }
                case "replace":
                {
                    if (args.Count < 2 || args.Count > 3) return TypeError("replace expected 2 or 3 arguments, got " + args.Count);
                    if (!(args[0] is string old) || !(args[1] is string replacement)) return TypeError("replace() argument must be str, not " + MakoOps.TypeName(args[0] is string ? args[1] : args[0]));
                    if (old.Length == 0) throw new MakoUnsupportedException("str.replace() of an empty string");
                    long limit = long.MaxValue;
                    if (args.Count == 3)
                    {
                        if (!MakoOps.TryInt(args[2], out var c)) return TypeError("'" + MakoOps.TypeName(args[2]) + "' object cannot be interpreted as an integer");
                        limit = c.Sign < 0 ? long.MaxValue : c > int.MaxValue ? int.MaxValue : (long)c;
                    }
                    long occurrences = Math.Min(MakoText.Count(s, old), limit);
                    if (s.Length + occurrences * (replacement.Length - old.Length) > MakoOps.MaxStringLength)
                        throw new MakoUnsupportedException("a string of more than " + MakoOps.MaxStringLength + " characters");
                    var sb = new StringBuilder();
                    int from = 0;
                    for (long n = 0; n < limit; n++)
                    {
                        int at = s.IndexOf(old, from, StringComparison.Ordinal);
                        if (at < 0) break;
                        sb.Append(s, from, at - from).Append(replacement);
                        from = at + old.Length;
                    }
                    return sb.Append(s, from, s.Length - from).ToString();
                }
                case "startswith":
                case "endswith":
                {
                    if (args.Count != 1) throw new MakoUnsupportedException("str." + method + "() with start or end");
                    var candidates = args[0] is MakoTuple t ? new List<object?>(t.Items) : new List<object?> { args[0] };
                    foreach (var candidate in candidates)
                    {
                        if (!(candidate is string prefix))
                            return TypeError(method + " first arg must be str or a tuple of str, not " + MakoOps.TypeName(candidate));
                        if (method == "startswith" ? s.StartsWith(prefix, StringComparison.Ordinal) : s.EndsWith(prefix, StringComparison.Ordinal)) return true;
                    }
                    return false;
                }
                case "join":
                {
                    if (args.Count != 1) return TypeError("str.join() takes exactly one argument (" + args.Count + " given)");
                    var sb = new StringBuilder();
                    int i = 0;
                    foreach (var item in Iterate(args[0]))
                    {
                        if (!(item is string part)) return TypeError("sequence item " + i + ": expected str instance, " + MakoOps.TypeName(item) + " found");
                        if (i > 0) sb.Append(s);
                        sb.Append(part);
                        if (sb.Length > MakoOps.MaxStringLength) throw new MakoUnsupportedException("a string of more than " + MakoOps.MaxStringLength + " characters");
                        i++;
                    }
                    return sb.ToString();
                }
                case "find":
                case "count":
                {
                    if (args.Count != 1) throw new MakoUnsupportedException("str." + method + "() with start or end");
                    if (!(args[0] is string sub)) return TypeError("must be str, not " + MakoOps.TypeName(args[0]));
                    if (method == "count") return new BigInteger(MakoText.Count(s, sub));
                    int at = s.IndexOf(sub, StringComparison.Ordinal);
                    return new BigInteger(at < 0 ? -1 : MakoText.CodePointIndex(s, at));
                }
                default:
                    throw new MakoUnsupportedException("the method str." + method + "()");
            }
        }

        private static void NoArguments(string method, List<object?> args)
        {
            if (args.Count != 0) throw new PythonException("TypeError", "str." + method + "() takes no arguments (" + args.Count + " given)");
        }

        private static bool HasSurrogate(string s)
        {
            foreach (char c in s)
                if (char.IsSurrogate(c)) return true;
            return false;
        }
    }
}
