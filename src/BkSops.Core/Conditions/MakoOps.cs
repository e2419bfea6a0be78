using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// Python 3 operators on the evaluated values (None, bool, BigInteger, double, str, PyList, PyDict, MakoTuple). A Python
    /// exception is returned as a <see cref="MakoFailure"/>; a value over the size limits is unsupported (the segment stays
    /// unknown), so no expression can build a huge string, list or integer.
    /// </summary>
    internal static class MakoOps
    {
        public const int MaxStringLength = 1 << 20;
        public const int MaxListLength = 100000;

        /// <summary>Integers stay under this many bits (about 4,200 digits: str() of them never hits Python's 4,300-digit limit).</summary>
        public const int MaxIntBits = 14000;

        public static MakoFailure Raise(string type, string message) => new MakoFailure(new PythonException(type, message));

        public static bool Truthy(object? v)
        {
            switch (v)
            {
                case null: return false;
                case bool b: return b;
                case BigInteger i: return !i.IsZero;
                case double d: return d != 0;
                case string s: return s.Length > 0;
                case PyList l: return l.Count > 0;
                case PyDict d: return d.Count > 0;
                case MakoTuple t: return t.Items.Count > 0;
                default: throw new MakoUnsupportedException("the truth value of a " + PyValue.TypeName(v));
            }
        }

        /// <summary>An int (bool counts) as a BigInteger.</summary>
        public static bool TryInt(object? v, out BigInteger value)
        {
            value = PyValue.IsInt(v) ? PyValue.AsInteger(v) : BigInteger.Zero;
            return PyValue.IsInt(v);
        }

        public static string TypeName(object? v) => v is MakoTuple ? "tuple" : PyValue.TypeName(v);

        public static object CheckedInt(BigInteger value)
        {
            if (BitLength(value) > MaxIntBits) throw new MakoUnsupportedException("an integer of more than " + MaxIntBits + " bits");
            return value;
        }

        public static string CheckedString(string value)
        {
            if (value.Length > MaxStringLength) throw new MakoUnsupportedException("a string of more than " + MaxStringLength + " characters");
            return value;
        }

        public static PyList CheckedList(List<object?> items)
        {
            if (items.Count > MaxListLength) throw new MakoUnsupportedException("a list of more than " + MaxListLength + " items");
            return new PyList(items);
        }

        private static long BitLength(BigInteger value)
        {
            var bytes = BigInteger.Abs(value).ToByteArray();
            return bytes.Length * 8L;
        }

        // ---- comparisons ----

        public static object? Compare(string op, object? a, object? b)
        {
            switch (op)
            {
                case "==":
                case "!=":
                    if (a is PyDict || b is PyDict || a is MakoTuple || b is MakoTuple) throw new MakoUnsupportedException("comparing a dict or tuple");
                    return PyOps.Eq(a, b) == (op == "==");
                case "in":
                case "not in":
                {
                    var inside = Contains(b, a);
                    return inside is bool found ? found == (op == "in") : inside;
                }
                case "is":
                case "is not":
                {
                    bool same;
                    if (a == null || b == null) same = a == null && b == null;
                    else if (a is bool x && b is bool y) same = x == y;
                    else if (a is bool || b is bool) same = false;
                    else throw new MakoUnsupportedException("'is' between two values that are not None, True or False");
                    return same == (op == "is");
                }
                default:
                    if (a is MakoTuple || b is MakoTuple) throw new MakoUnsupportedException("ordering tuples");
                    try { return PyOps.Order(op, a, b); }
                    catch (PythonException e) { return new MakoFailure(e); }
            }
        }

        private static object Contains(object? container, object? item)
        {
            if (item is PyDict || item is MakoTuple) throw new MakoUnsupportedException("looking for a dict or tuple");
            switch (container)
            {
                case MakoTuple t: return PyOps.In(item, t.Items);
                case PyDict d:
                    foreach (var p in d.Items)
                        if (PyOps.Eq(p.Key, item)) return true;
                    return false;
                default:
                    try { return PyOps.In(item, container); }
                    catch (PythonException e) { return new MakoFailure(e); }
            }
        }

        // ---- arithmetic ----

        public static object? Unary(string op, object? v)
        {
            if (v is MakoFailure) return v;
            if (v is double d) return op == "-" ? -d : d;
            if (PyValue.IsInt(v)) return op == "-" ? -PyValue.AsInteger(v) : PyValue.AsInteger(v);
            return Raise("TypeError", "bad operand type for unary " + op + ": '" + TypeName(v) + "'");
        }

        public static object? Binary(string op, object? a, object? b)
        {
            if (a is MakoFailure) return a;
            if (b is MakoFailure) return b;
            if (a is MakoTuple || b is MakoTuple) throw new MakoUnsupportedException("arithmetic on tuples");
            try
            {
                if (PyValue.IsNumber(a) && PyValue.IsNumber(b))
                    return a is double || b is double ? FloatOp(op, PyOps.ToFloat(a), PyOps.ToFloat(b)) : IntOp(op, PyValue.AsInteger(a), PyValue.AsInteger(b));
                switch (op)
                {
                    case "+":
                        if (a is string sa && b is string sb) return CheckedString(sa + sb);
                        if (a is PyList la && b is PyList lb)
                        {
                            var items = new List<object?>(la);
                            items.AddRange(lb);
                            return CheckedList(items);
                        }
                        break;
                    case "*":
                        if (a is string s1 && PyValue.IsInt(b)) return Repeat(s1, PyValue.AsInteger(b));
                        if (b is string s2 && PyValue.IsInt(a)) return Repeat(s2, PyValue.AsInteger(a));
                        if (a is PyList l1 && PyValue.IsInt(b)) return Repeat(l1, PyValue.AsInteger(b));
                        if (b is PyList l2 && PyValue.IsInt(a)) return Repeat(l2, PyValue.AsInteger(a));
                        break;
                    case "%":
                        if (a is string) throw new MakoUnsupportedException("%-formatting of strings");
                        break;
                }
            }
            catch (PythonException e)
            {
                return new MakoFailure(e);
            }
            string shown = op == "**" ? "** or pow()" : op;
            return Raise("TypeError", "unsupported operand type(s) for " + shown + ": '" + TypeName(a) + "' and '" + TypeName(b) + "'");
        }

        private static object IntOp(string op, BigInteger a, BigInteger b)
        {
            switch (op)
            {
                case "+": return CheckedInt(a + b);
                case "-": return CheckedInt(a - b);
                case "*": return CheckedInt(a * b);
                case "/":
                    if (b.IsZero) throw new PythonException("ZeroDivisionError", "division by zero");
                    const double exact = 9007199254740992.0; // 2**53: both convert exactly, so one IEEE division rounds as Python's does
                    if (BigInteger.Abs(a) > new BigInteger(exact) || BigInteger.Abs(b) > new BigInteger(exact))
                        throw new MakoUnsupportedException("true division of integers beyond 2**53");
                    return (double)a / (double)b;
                case "//":
                case "%":
                {
                    if (b.IsZero) throw new PythonException("ZeroDivisionError", "integer division or modulo by zero");
                    var q = BigInteger.DivRem(a, b, out var r);
                    if (!r.IsZero && (r.Sign < 0) != (b.Sign < 0))
                    {
                        q -= 1;
                        r += b;
                    }
                    return op == "//" ? q : r;
                }
                default: // **
                    if (b.Sign < 0)
                    {
                        if (a.IsZero) throw new PythonException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                        return FloatOp("**", PyOps.ToFloat(a), PyOps.ToFloat(b));
                    }
                    if (BigInteger.Abs(a) <= BigInteger.One) return a.IsZero ? (b.IsZero ? BigInteger.One : BigInteger.Zero) : a.Sign < 0 && !b.IsEven ? BigInteger.MinusOne : BigInteger.One;
                    if (b > MaxIntBits || BigInteger.Log(BigInteger.Abs(a), 2) * (double)b > MaxIntBits) throw new MakoUnsupportedException("a power with more than " + MaxIntBits + " bits");
                    return CheckedInt(BigInteger.Pow(a, (int)b));
            }
        }

        private static object FloatOp(string op, double a, double b)
        {
            switch (op)
            {
                case "+": return a + b;
                case "-": return a - b;
                case "*": return a * b;
                case "/":
                    if (b == 0) throw new PythonException("ZeroDivisionError", "float division by zero");
                    return a / b;
                case "//":
                case "%":
                {
                    if (b == 0) throw new PythonException("ZeroDivisionError", op == "//" ? "float floor division by zero" : "float modulo");
                    // CPython's float_divmod.
                    double mod = a % b;
                    double div = (a - mod) / b;
                    if (mod != 0)
                    {
                        if ((b < 0) != (mod < 0))
                        {
                            mod += b;
                            div -= 1.0;
                        }
                    }
                    else mod = b < 0 ? -0.0 : 0.0;
                    if (op == "%") return mod;
                    if (div == 0) return a / b < 0 ? -0.0 : 0.0;
                    double floor = Math.Floor(div);
                    if (div - floor > 0.5) floor += 1.0;
                    return floor;
                }
                default: // **
                {
                    if (a == 0 && b < 0) throw new PythonException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                    if (a < 0 && Math.Floor(b) != b) throw new MakoUnsupportedException("a complex power");
                    double r = Math.Pow(a, b);
                    if (double.IsInfinity(r) && !double.IsInfinity(a) && !double.IsInfinity(b)) throw new PythonException("OverflowError", "(34, 'Numerical result out of range')");
                    return r;
                }
            }
        }

        private static object Repeat(string s, BigInteger times)
        {
            if (times.Sign <= 0 || s.Length == 0) return "";
            if (times * s.Length > MaxStringLength) throw new MakoUnsupportedException("a string of more than " + MaxStringLength + " characters");
            var sb = new StringBuilder(s.Length * (int)times);
            for (int i = 0; i < (int)times; i++) sb.Append(s);
            return sb.ToString();
        }

        private static object Repeat(PyList list, BigInteger times)
        {
            if (times.Sign <= 0 || list.Count == 0) return new PyList(new object?[0]);
            if (times * list.Count > MaxListLength) throw new MakoUnsupportedException("a list of more than " + MaxListLength + " items");
            var items = new List<object?>();
            for (int i = 0; i < (int)times; i++) items.AddRange(list);
            return new PyList(items);
        }

        // ---- indexing and slicing ----

        public static object? Index(object? target, object? index)
        {
            if (target is PyDict dict)
            {
                if (index is MakoSlice) return Raise("TypeError", "unhashable type: 'slice'");
                foreach (var p in dict.Items)
                    if (PyOps.Eq(p.Key, index)) return p.Value;
                return Raise("KeyError", PyFormat.Repr(index));
            }
            IReadOnlyList<object?>? items = target is PyList l ? l : target is MakoTuple t ? t.Items : null;
            string? text = target as string;
            if (items == null && text == null) return Raise("TypeError", "'" + TypeName(target) + "' object is not subscriptable");
            var chars = text != null ? MakoText.CodePoints(text) : null;
            int count = chars?.Count ?? items!.Count;
            if (index is MakoSlice slice)
            {
                if (!SliceBounds(slice, count, out int start, out int step, out int length, out var failure)) return failure;
                if (chars != null)
                {
                    var sb = new StringBuilder();
                    for (int k = 0, i = start; k < length; k++, i += step) sb.Append(chars[i]);
                    return sb.ToString();
                }
                var picked = new List<object?>(length);
                for (int k = 0, i = start; k < length; k++, i += step) picked.Add(items![i]);
                return target is MakoTuple ? new MakoTuple(new PyList(picked)) : (object)new PyList(picked);
            }
            if (!PyValue.IsInt(index))
                return Raise("TypeError", (text != null ? "string" : TypeName(target)) + " indices must be integers" + (text != null ? "" : " or slices") + ", not " + TypeName(index));
            var at = PyValue.AsInteger(index);
            if (at.Sign < 0) at += count;
            if (at.Sign < 0 || at >= count) return Raise("IndexError", (text != null ? "string" : TypeName(target)) + " index out of range");
            return chars != null ? chars[(int)at] : items![(int)at];
        }

        /// <summary>Python's <c>slice.indices(count)</c>, then the number of items it picks.</summary>
        private static bool SliceBounds(MakoSlice slice, int count, out int start, out int step, out int length, out MakoFailure? failure)
        {
            start = step = length = 0;
            failure = null;
            foreach (var part in new[] { slice.Start, slice.Stop, slice.Step })
                if (part != null && !PyValue.IsInt(part))
                {
                    failure = Raise("TypeError", "slice indices must be integers or None or have an __index__ method");
                    return false;
                }
            long stepValue = slice.Step == null ? 1 : Clamp(PyValue.AsInteger(slice.Step));
            if (stepValue == 0)
            {
                failure = Raise("ValueError", "slice step cannot be zero");
                return false;
            }
            long lower = stepValue < 0 ? -1 : 0, upper = stepValue < 0 ? count - 1 : count;
            long s = slice.Start == null ? (stepValue < 0 ? upper : lower) : Adjust(Clamp(PyValue.AsInteger(slice.Start)), count, lower, upper);
            long e = slice.Stop == null ? (stepValue < 0 ? lower : upper) : Adjust(Clamp(PyValue.AsInteger(slice.Stop)), count, lower, upper);
            long n = stepValue < 0 ? (e < s ? (s - e - 1) / -stepValue + 1 : 0) : (s < e ? (e - s - 1) / stepValue + 1 : 0);
            start = (int)s;
            step = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, stepValue));
            length = (int)n;
            return true;
        }

        private static long Clamp(BigInteger v) => v > long.MaxValue / 4 ? long.MaxValue / 4 : v < long.MinValue / 4 ? long.MinValue / 4 : (long)v;

        private static long Adjust(long v, int count, long lower, long upper)
        {
            if (v < 0)
            {
                v += count;
                return v < lower ? lower : v;
            }
            return v > upper ? upper : v;
        }
    }
}
