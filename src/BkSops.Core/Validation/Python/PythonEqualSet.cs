using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace BkSops.Validation.Python
{
    /// <summary>
    /// A set of <see cref="PythonScalar"/>s under Python's <c>==</c> (<c>1 == 1.0 == True</c>) in expected constant time per
    /// value: values are grouped by a text that equal values share (the integer they equal, else <c>str()</c>), and
    /// compared with <see cref="PythonScalar.PythonEquals"/> only inside a group.
    /// </summary>
    internal sealed class PythonEqualSet
    {
        private readonly Dictionary<string, List<PythonScalar>> groups = new Dictionary<string, List<PythonScalar>>(System.StringComparer.Ordinal);

        /// <summary>Adds the value unless an equal one is present; true when it was added.</summary>
        public bool Add(PythonScalar value)
        {
            string key = GroupOf(value);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new List<PythonScalar>(1);
            foreach (var member in group)
                if (member.PythonEquals(value)) return false;
            group.Add(value);
            return true;
        }

        public bool Contains(PythonScalar value)
        {
            if (!groups.TryGetValue(GroupOf(value), out var group)) return false;
            foreach (var member in group)
                if (member.PythonEquals(value)) return true;
            return false;
        }

        // Equal numbers equal the same integer or print alike; other values are equal only to values that print alike.
        private static string GroupOf(PythonScalar value) =>
            value.TryGetInteger(out BigInteger integer) ? "int " + integer.ToString(CultureInfo.InvariantCulture) : value.ToString();
    }
}
