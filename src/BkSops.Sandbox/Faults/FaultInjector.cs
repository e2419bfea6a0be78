using System;
using System.Collections.Generic;

namespace BkSops.Sandbox.Faults
{
    /// <summary>What a fault makes a route answer (contracts.md section 5).</summary>
    public enum SandboxFaultKind { Http500, Http502, Http429, Slow, Reset, NotJson, ResultFalse }

    /// <summary>One armed fault: what happens, for how many more calls.</summary>
    public sealed class SandboxFault
    {
        public SandboxFault(string route, SandboxFaultKind kind, int count, int retryAfterSeconds = 1, double delaySeconds = 5)
        {
            Route = route;
            Kind = kind;
            Remaining = count;
            RetryAfterSeconds = retryAfterSeconds;
            DelaySeconds = delaySeconds;
        }

        public string Route { get; }
        public SandboxFaultKind Kind { get; }
        public int Remaining { get; internal set; }

        /// <summary>Http429: the <c>Retry-After</c> seconds.</summary>
        public int RetryAfterSeconds { get; }

        /// <summary>Slow: how long the answer is held back.</summary>
        public double DelaySeconds { get; }

        /// <summary>
        /// True when the request is carried out before the answer fails: on routes that change something, as a real
        /// 502, 500 or timeout may come after bk-sops did the work.
        /// </summary>
        public bool DoesWorkFirst(bool routeChangesState) =>
            Kind == SandboxFaultKind.Slow || (routeChangesState && (Kind == SandboxFaultKind.Http500 || Kind == SandboxFaultKind.Http502 || Kind == SandboxFaultKind.Reset));

        public override string ToString() => $"{Kind} on {Route} for {Remaining} more calls";
    }

    /// <summary>The faults armed per route; each matching call uses one up.</summary>
    public sealed class FaultInjector
    {
        private readonly Dictionary<string, SandboxFault> faults = new Dictionary<string, SandboxFault>(StringComparer.Ordinal);

        /// <summary>Arms <paramref name="fault"/> for its route, replacing any fault armed there; a count of 0 disarms.</summary>
        public void Set(SandboxFault fault)
        {
            lock (faults)
            {
                if (fault.Remaining <= 0) faults.Remove(fault.Route);
                else faults[fault.Route] = fault;
            }
        }

        public void Clear() { lock (faults) faults.Clear(); }

        /// <summary>The faults still armed.</summary>
        public IReadOnlyList<SandboxFault> Armed() { lock (faults) return new List<SandboxFault>(faults.Values); }

        /// <summary>Uses up one call of the fault armed for <paramref name="route"/>; null when none is.</summary>
        public SandboxFault? Take(string route)
        {
            lock (faults)
            {
                if (!faults.TryGetValue(route, out var fault)) return null;
                fault.Remaining--;
                if (fault.Remaining <= 0) faults.Remove(route);
                return fault;
            }
        }
    }
}
