using System;

namespace BkSops.Validation
{
    /// <summary>
    /// A result one stage hands to later ones: set once, by the stage that owns it, and read by later stages. One that
    /// was never set reads as the default (false, null, 0): the stage that owns it did not get that far.
    /// </summary>
    internal sealed class Fact<T>
    {
        private T? value;

        public bool IsSet { get; private set; }

        public T? Value => value;

        public void Set(T value)
        {
            if (IsSet) throw new InvalidOperationException("A fact of a validation run is set once, by the stage that owns it.");
            this.value = value;
            IsSet = true;
        }
    }
}
