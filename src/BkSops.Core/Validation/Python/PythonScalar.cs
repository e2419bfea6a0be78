using System;
using System.Globalization;
using System.Numerics;
using BkSops.Json;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// A hashable Python value made by <c>json.loads</c> from a JSON scalar (int, float, bool, str, None), with
    /// Python's equality (<c>1 == 1.0 == True</c>) and, where CPython's is deterministic, its <c>hash()</c>.
    /// </summary>
    public sealed class PythonScalar
    {
        private const long Modulus = (1L << 61) - 1;

        private enum Kind { Int, Float, Bool, Str, None }

        private readonly Kind kind;
        private readonly BigInteger integer;
        private readonly double real;
        private readonly string? text;
        private readonly JsonNode source;

        private PythonScalar(Kind kind, BigInteger integer, double real, string? text, JsonNode source)
        {
            this.kind = kind;
            this.integer = integer;
            this.real = real;
            this.text = text;
            this.source = source;
        }

        /// <summary>The Python value of a JSON scalar; null for objects and arrays (unhashable in Python).</summary>
        public static PythonScalar? From(JsonNode? node)
        {
            switch (node)
            {
                case JsonString s: return new PythonScalar(Kind.Str, 0, 0, s.Value, node);
                case JsonBoolean b: return new PythonScalar(Kind.Bool, b.Value ? 1 : 0, 0, null, node);
                case JsonNull _: return new PythonScalar(Kind.None, 0, 0, null, node);
                case JsonNumber n when n.IsInteger:
                    return new PythonScalar(Kind.Int, BigInteger.Parse(n.RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), 0, null, node);
                case JsonNumber n: return new PythonScalar(Kind.Float, 0, PythonRepr.ToDouble(n), null, node);
                default: return null;
            }
        }

        public static PythonScalar FromInt(long value) => new PythonScalar(Kind.Int, value, 0, null, JsonNode.From(value));

        /// <summary><c>str(value)</c>.</summary>
        public override string ToString() => PythonRepr.Str(source);

        /// <summary>True for numbers (and bools) equal to an integer: the only values a database id can equal.</summary>
        public bool TryGetInteger(out BigInteger value)
        {
            value = integer;
            if (kind == Kind.Int || kind == Kind.Bool) return true;
            if (kind == Kind.Float && !double.IsNaN(real) && !double.IsInfinity(real) && Math.Floor(real) == real)
            {
                value = new BigInteger(real);
                return true;
            }
            return false;
        }

        /// <summary>Python's <c>==</c> between two such values.</summary>
        public bool PythonEquals(PythonScalar other)
        {
            if (ReferenceEquals(this, other)) return true;
            bool numeric = kind == Kind.Int || kind == Kind.Bool || kind == Kind.Float;
            bool otherNumeric = other.kind == Kind.Int || other.kind == Kind.Bool || other.kind == Kind.Float;
            if (numeric && otherNumeric)
            {
                if (kind == Kind.Float || other.kind == Kind.Float)
                {
                    // json.loads returns one shared object for NaN, and set lookups compare identity first.
                    if (kind == Kind.Float && other.kind == Kind.Float && double.IsNaN(real) && double.IsNaN(other.real)) return true;
                    if (TryGetInteger(out var a) && other.TryGetInteger(out var b)) return a == b;
                    return AsDouble() == other.AsDouble();
                }
                return integer == other.integer;
            }
            if (kind != other.kind) return false;
            return kind == Kind.None || string.Equals(text, other.text, StringComparison.Ordinal);
        }

        private double AsDouble() => kind == Kind.Float ? real : (double)integer;

        /// <summary>CPython's <c>hash()</c>, or null when it differs between processes (str, None, NaN).</summary>
        public long? Hash
        {
            get
            {
                switch (kind)
                {
                    case Kind.Int:
                    case Kind.Bool:
                        return HashInteger(integer);
                    case Kind.Float:
                        if (double.IsNaN(real)) return null;
                        if (double.IsPositiveInfinity(real)) return 314159;
                        if (double.IsNegativeInfinity(real)) return -314159;
                        if (TryGetInteger(out var whole)) return HashInteger(whole);
                        return HashFraction(real);
                    default:
                        return null;
                }
            }
        }

        private static long HashInteger(BigInteger n)
        {
            var m = BigInteger.Remainder(BigInteger.Abs(n), Modulus);
            long h = (long)m;
            if (n.Sign < 0) h = -h;
            return h == -1 ? -2 : h;
        }

        // CPython's _Py_HashDouble for a finite value that is not an integer.
        private static long HashFraction(double v)
        {
            const int bits = 61;
            ulong modulus = (ulong)Modulus;
            int sign = 1;
            if (v < 0)
            {
                sign = -1;
                v = -v;
            }
            double m = Frexp(v, out int e);
            ulong x = 0;
            while (m != 0)
            {
                x = ((x << 28) & modulus) | (x >> (bits - 28));
                m *= 268435456.0;
                e -= 28;
                ulong y = (ulong)m;
                m -= y;
                x += y;
                if (x >= modulus) x -= modulus;
            }
            e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits);
            x = ((x << e) & modulus) | (x >> (bits - e));
            long h = (long)x * sign;
            return h == -1 ? -2 : h;
        }

        private static double Frexp(double v, out int exponent)
        {
            long raw = BitConverter.DoubleToInt64Bits(v);
            int biased = (int)((raw >> 52) & 0x7FF);
            if (biased == 0)
            {
                // Subnormal: scale into the normal range first.
                double scaled = Frexp(v * 18014398509481984.0, out int e2); // 2^54
                exponent = e2 - 54;
                return scaled;
            }
            exponent = biased - 1022;
            long mantissaBits = (raw & ~(0x7FFL << 52)) | (1022L << 52);
            return BitConverter.Int64BitsToDouble(mantissaBits);
        }
    }
}
