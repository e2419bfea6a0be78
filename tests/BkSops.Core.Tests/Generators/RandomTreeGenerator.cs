using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>
    /// Random pipeline trees that bk-sops accepts (spec sections 2.2-2.10): a main line of activities and gateway
    /// blocks from the start event to the end event. A block is a Parallel, ConditionalParallel or Exclusive gateway
    /// with 2-5 branches converging on its own ConvergeGateway; branches hold activities and nested blocks. Exclusive
    /// gateways may also send branches straight to the end event (only outside parallel blocks, spec 2.8) and loop
    /// back to an activity of the run just before them (the loop resolves to the gateway itself, which matching
    /// allows; cycles are tolerated, spec 2.7). Every Exclusive/ConditionalParallel outgoing flow has a condition,
    /// or (exclusive only) is the default_condition. The same seed and options always give the same tree.
    /// Recursion depth is bounded by <see cref="RandomTreeOptions.MaxNesting"/>, not by the tree size.
    /// </summary>
    public sealed class RandomTreeGenerator
    {
        private static readonly string[] ComponentCodes = { "sleep_timer", "job_execute_task", "bk_http_request", "pause_node", "bk_notify", "remote_plugin" };
        private static readonly string[] DataKeys = { "bk_timing", "job_content", "job_script_type", "bk_http_request_url", "bk_http_request_method", "bk_notify_title", "force_check", "timeout", "biz_cc_id", "ip_list" };

        private readonly Random random;
        private readonly RandomTreeOptions options;
        private readonly PipelineTreeBuilder builder;
        private readonly List<string> constantKeys = new List<string>();
        private int budget;

        private RandomTreeGenerator(Random random, RandomTreeOptions options)
        {
            this.random = random;
            this.options = options;
            builder = new PipelineTreeBuilder(random);
            budget = options.MaxActivities;
        }

        /// <summary>A random valid tree as a <see cref="PipelineTree"/>.</summary>
        public static PipelineTree Generate(int seed, RandomTreeOptions options = null) =>
            new PipelineTree(GenerateJson(seed, options), $"random tree (seed {seed})");

        /// <summary>A random valid tree as a JSON document.</summary>
        public static JsonObject GenerateJson(int seed, RandomTreeOptions options = null) =>
            new RandomTreeGenerator(new Random(seed), options ?? new RandomTreeOptions()).Run();

        private JsonObject Run()
        {
            AddConstants();
            int elements = 1 + random.Next(Math.Max(1, options.MaxMainElements));
            string exit = Sequence(builder.StartId, elements, minElements: 1, nesting: 0, insideParallel: false);
            builder.Connect(exit, builder.EndId);
            foreach (var key in constantKeys)
                if (random.Next(3) == 0) builder.AddOutput(key);
            return builder.Build();
        }

        /// <summary>Adds up to <paramref name="elements"/> activities or blocks after <paramref name="from"/>; returns the last node.</summary>
        private string Sequence(string from, int elements, int minElements, int nesting, bool insideParallel)
        {
            var run = new List<string>(); // activities chained directly before the next gateway
            string current = from;
            for (int i = 0; i < Math.Max(elements, minElements); i++)
            {
                if (i >= minElements && budget <= 0) break;
                if (nesting < options.MaxNesting && budget >= 2 && random.NextDouble() < options.BlockChance)
                {
                    current = Block(current, nesting + 1, insideParallel, run);
                    run = new List<string>();
                }
                else
                {
                    string activity = NewActivity();
                    builder.Connect(current, activity);
                    run.Add(activity);
                    current = activity;
                }
            }
            return current;
        }

        private enum BranchKind { Converge, End, LoopBack }

        /// <summary>One gateway block after <paramref name="entry"/>; returns its converge gateway.</summary>
        private string Block(string entry, int nesting, bool insideParallel, List<string> runBefore)
        {
            int pick = random.Next(20);
            string type = pick < 8 ? NodeTypes.Exclusive : pick < 15 ? NodeTypes.Parallel : NodeTypes.ConditionalParallel;
            bool parallel = type != NodeTypes.Exclusive;
            string gateway = builder.AddGateway(type, random.Next(4) == 0 ? RandomText.Name(random) : "");
            string converge = builder.AddGateway(NodeTypes.Converge, random.Next(4) == 0 ? RandomText.Name(random) : "");
            builder.Connect(entry, gateway);

            int branches = 2 + random.Next(Math.Max(1, options.MaxBranches - 1));
            bool emptyBranchUsed = false; // two empty branches would be two identical edges
            var loopTargetsUsed = new HashSet<string>(StringComparer.Ordinal);
            for (int k = 0; k < branches; k++)
            {
                var kind = BranchKind.Converge;
                if (!parallel && k > 0) // the first branch always converges, so the converge has an incoming flow
                {
                    if (!insideParallel && random.NextDouble() < options.EndBranchChance) kind = BranchKind.End;
                    else if (runBefore.Count > 0 && random.NextDouble() < options.LoopBackChance) kind = BranchKind.LoopBack;
                }

                if (kind == BranchKind.LoopBack)
                {
                    string target = runBefore[random.Next(runBefore.Count)];
                    if (loopTargetsUsed.Add(target) && random.Next(3) != 0)
                    {
                        builder.Connect(gateway, target);
                    }
                    else
                    {
                        string via = NewActivity();
                        builder.Connect(gateway, via);
                        builder.Connect(via, target);
                    }
                    continue;
                }

                int count = random.Next(options.MaxBranchElements + 1);
                string exit = Sequence(gateway, count, emptyBranchUsed ? 1 : 0, nesting, insideParallel || parallel);
                if (exit == gateway) emptyBranchUsed = true;
                builder.Connect(exit, kind == BranchKind.End ? builder.EndId : converge);
            }

            if (NodeTypes.HasConditions(type)) AddConditions(gateway, type);
            return converge;
        }

        private void AddConditions(string gateway, string type)
        {
            var outgoing = builder.OutgoingFlows(gateway);
            int defaultIndex = type == NodeTypes.Exclusive && random.NextDouble() < options.DefaultConditionChance
                ? random.Next(outgoing.Count) : -1;
            for (int i = 0; i < outgoing.Count; i++)
            {
                if (i == defaultIndex) builder.SetDefaultCondition(gateway, outgoing[i], random.Next(2) == 0 ? "default" : "默认");
                else builder.SetCondition(gateway, outgoing[i], RandomText.Condition(random, AnyConstant()));
            }
        }

        private string NewActivity()
        {
            budget--;
            string stage = random.Next(3) == 0 ? "" : "stage" + (1 + random.Next(5));
            return builder.AddActivity(
                RandomText.Name(random),
                stage,
                PipelineTreeBuilder.Component(ComponentCodes[random.Next(ComponentCodes.Length)], ComponentData()),
                errorIgnorable: random.Next(5) == 0,
                retryable: random.Next(4) != 0,
                skippable: random.Next(4) != 0);
        }

        private JsonObject ComponentData()
        {
            var data = new JsonObject();
            int items = random.Next(4);
            for (int i = 0; i < items; i++)
            {
                string key = DataKeys[random.Next(DataKeys.Length)];
                if (data.ContainsKey(key)) continue;
                string constant = AnyConstant();
                if (constant != null && random.NextDouble() < options.ReferenceChance)
                {
                    data.Set(key, random.Next(2) == 0
                        ? PipelineTreeBuilder.DataItem(true, new JsonString(constant))
                        : PipelineTreeBuilder.DataItem(false, new JsonString("echo " + constant + " done")));
                }
                else
                {
                    data.Set(key, PipelineTreeBuilder.DataItem(false, PlainValue()));
                }
            }
            return data;
        }

        /// <summary>A data value of any type the schema allows (string, number, boolean, object, array, null).</summary>
        private JsonNode PlainValue()
        {
            switch (random.Next(10))
            {
                case 0: return JsonNode.From(random.Next(1000));
                case 1: return JsonNode.From(random.Next(2) == 0);
                case 2: return new JsonNull();
                case 3:
                    var array = new JsonArray();
                    for (int i = random.Next(3); i > 0; i--) array.Add(new JsonString(RandomText.Identifier(random, 8)));
                    return array;
                case 4:
                    var obj = new JsonObject();
                    obj.Set("key", new JsonString(RandomText.Identifier(random, 8)));
                    obj.Set("count", JsonNode.From(random.Next(10)));
                    return obj;
                default:
                    return new JsonString(random.Next(4) == 0 ? "" : RandomText.Name(random));
            }
        }

        private void AddConstants()
        {
            int count = random.Next(options.MaxConstants + 1);
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = RandomText.Identifier(random);
                if (!names.Add(name)) continue;
                string key = "${" + name + "}";
                // Only earlier constants are referenced: the server refuses self references and reference cycles (spec 2.5).
                string value = constantKeys.Count > 0 && random.Next(3) == 0
                    ? constantKeys[random.Next(constantKeys.Count)] + "-" + RandomText.Identifier(random, 6)
                    : RandomText.Identifier(random, 10);
                builder.AddConstant(key, RandomText.Name(random), new JsonString(value), random.Next(2) == 0 ? "" : RandomText.Name(random));
                constantKeys.Add(key);
            }
        }

        private string AnyConstant() => constantKeys.Count == 0 || random.Next(3) == 0 ? null : constantKeys[random.Next(constantKeys.Count)];
    }
}
