using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Json;

namespace BkSops.Validation
{
    /// <summary>
    /// Computes the <see cref="TreeReads"/> of a large tree on a second core while the stages run on the first. The
    /// reads are pure functions of the tree as given, so a stage takes a value only while its working copy is still
    /// that tree (<see cref="ValidationContext.Read{T}"/>); the value is then exactly what it would have computed.
    /// Whoever comes first computes a read: a stage that needs one nobody has started computes it itself, and while it
    /// waits for one in progress on the helper it computes the next one still pending.
    /// </summary>
    internal sealed class ReadAhead
    {
        private const int Pending = 0, Running = 1, Done = 2;

        private sealed class Slot
        {
            public int State;
            public object? Value;
            public bool Failed;
        }

        private readonly JsonObject root;
        private readonly IReadOnlyList<TreeRead> reads;
        private readonly Slot[] slots;
        private readonly object gate = new object();
        private readonly Task helper;

        private ReadAhead(JsonObject root, IReadOnlyList<TreeRead> reads)
        {
            this.root = root;
            this.reads = reads;
            slots = new Slot[reads.Count];
            for (int i = 0; i < slots.Length; i++) slots[i] = new Slot();
            // Messages are made on the helper too: it uses the caller's cultures (Windows PowerShell's .NET does not flow them to tasks).
            var culture = CultureInfo.CurrentCulture;
            var uiCulture = CultureInfo.CurrentUICulture;
            helper = Task.Run(() =>
            {
                var poolCulture = CultureInfo.CurrentCulture;
                var poolUiCulture = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                try
                {
                    while (ComputeNextPending()) { }
                }
                finally
                {
                    CultureInfo.CurrentCulture = poolCulture;
                    CultureInfo.CurrentUICulture = poolUiCulture;
                }
            });
        }

        /// <summary>
        /// Starts the helper on <paramref name="root"/> (the tree as given, which nobody may change until
        /// <see cref="Finish"/>) for <paramref name="reads"/>, in that order (default: <see cref="TreeReads.All"/>).
        /// </summary>
        public static ReadAhead Start(JsonObject root, IReadOnlyList<TreeRead>? reads = null) => new ReadAhead(root, reads ?? TreeReads.All);

        /// <summary>The value of <paramref name="read"/> for the tree as given (read here when it is not one of the reads started).</summary>
        public T Take<T>(TreeRead<T> read)
        {
            int at = 0;
            while (at < reads.Count && reads[at] != read) at++;
            if (at == reads.Count) return read.Read(root);
            var slot = slots[at];
            if (Claim(slot)) Compute(read, slot);
            while (Volatile.Read(ref slot.State) != Done)
            {
                if (ComputeNextPending()) continue;
                lock (gate)
                    while (Volatile.Read(ref slot.State) != Done) Monitor.Wait(gate);
            }
            // A read that threw is read again here, so that its exception surfaces where it would without the helper.
            return slot.Failed ? read.Read(root) : (T)slot.Value!; // a Done slot holds what read returned: a T
        }

        /// <summary>No read not yet started will be: the working copy has changed, so their values are of no use.</summary>
        public void Cancel()
        {
            foreach (var slot in slots)
            {
                if (!Claim(slot)) continue;
                // Marked as failed, so that a stage taking it after all reads it itself.
                slot.Failed = true;
                MarkDone(slot);
            }
        }

        /// <summary>Cancels what is pending and waits for the helper to stop reading the tree, which the caller owns again.</summary>
        public void Finish()
        {
            Cancel();
            helper.Wait();
        }

        private static bool Claim(Slot slot) => Interlocked.CompareExchange(ref slot.State, Running, Pending) == Pending;

        private bool ComputeNextPending()
        {
            for (int i = 0; i < slots.Length; i++)
            {
                if (!Claim(slots[i])) continue;
                Compute(reads[i], slots[i]);
                return true;
            }
            return false;
        }

        private void Compute(TreeRead read, Slot slot)
        {
            try
            {
                slot.Value = read.ReadBoxed(root);
            }
            catch (System.Exception)
            {
                slot.Failed = true;
            }
            MarkDone(slot);
        }

        private void MarkDone(Slot slot)
        {
            lock (gate)
            {
                Volatile.Write(ref slot.State, Done);
                Monitor.PulseAll(gate);
            }
        }
    }
}
