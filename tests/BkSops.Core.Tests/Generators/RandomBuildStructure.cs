using System;
using System.Collections.Generic;
using BkSops.Building;
using BkSops.Json;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>
    /// Random inputs for the builder: steps (names with characters the server strips, over-long names, unicode,
    /// constant references, parallel groups, flags) and nested gateway blocks of every kind with conditions,
    /// default branches, empty branches and loops from exclusive gateways at any depth back to any earlier step (some of
    /// which the server refuses).
    /// </summary>
    internal sealed class RandomBuildStructure
    {
        private static readonly string[] Decorations = { "", "", "", " <b>", " & co", " 'quoted'", " \"x\"", " ${v}", " 部署", " #1", " [a]", " 🚀" };
        private static readonly string[] Codes = { "sleep_timer", "job_fast_execute_script", "bk_http_request", "pause_node" };
        private readonly Random random;
        private int counter;
        private readonly List<string> written = new List<string>(); // every step so far, in the order the builder writes them

        public RandomBuildStructure(int seed, int maxNesting = 4, int maxItems = 5)
        {
            random = new Random(seed);
            MaxNesting = maxNesting;
            MaxItems = maxItems;
        }

        public int MaxNesting { get; }
        public int MaxItems { get; }
        public int StepCount => counter;
        public bool HasLoops { get; private set; }

        /// <summary>A top-level list of items (steps, some in parallel groups, and gateway blocks).</summary>
        public List<BuildBlock> Items()
        {
            var items = new List<BuildBlock>();
            var stream = new List<string>();
            int n = 1 + random.Next(MaxItems);
            string group = null;
            for (int i = 0; i < n; i++)
            {
                if (random.Next(4) == 0)
                {
                    items.Add(Gateway(1, stream));
                    stream.Clear();
                    group = null;
                    continue;
                }
                var step = Step();
                if (random.Next(5) == 0) group = "g" + random.Next(3);
                else if (random.Next(3) == 0) group = null;
                step.ParallelGroup = group;
                if (group == null) stream.Add(step.Name);
                else stream.Clear();
                items.Add(step);
            }
            return items;
        }

        public StepDefinition Step()
        {
            int id = ++counter;
            string name = $"s{id}" + Decorations[random.Next(Decorations.Length)];
            if (random.Next(15) == 0) name += new string('x', 60);
            var step = new StepDefinition { Name = name, Code = Codes[random.Next(Codes.Length)], Origin = $"step {id}" };
            written.Add(name);
            if (random.Next(3) == 0) step.Inputs.Add(new KeyValuePair<string, JsonNode>("bk_timing", new JsonString(random.Next(2) == 0 ? "5" : "${timing}")));
            if (random.Next(4) == 0) step.Inputs.Add(new KeyValuePair<string, JsonNode>("script", new JsonString("echo ${host} && echo ${_system.task_id}")));
            if (random.Next(5) == 0) step.Stage = "stage " + random.Next(3);
            if (random.Next(6) == 0) step.ErrorIgnorable = true;
            if (random.Next(6) == 0) step.Retryable = false;
            if (random.Next(8) == 0) { step.Kind = StepKind.SubProcess; step.TemplateId = 1 + random.Next(100); }
            return step;
        }

        private SequenceBlock Sequence(int nesting, List<string> stream)
        {
            // stream: the steps of this sequence since its last gateway block.
            var sequence = new SequenceBlock();
            int n = random.Next(MaxItems);
            for (int i = 0; i < n; i++)
            {
                if (nesting < MaxNesting && random.Next(3) == 0)
                {
                    sequence.Items.Add(Gateway(nesting + 1, stream));
                    stream.Clear();
                }
                else
                {
                    var step = Step();
                    stream.Add(step.Name);
                    sequence.Items.Add(step);
                }
            }
            return sequence;
        }

        private GatewayBlock Gateway(int nesting, List<string> stream)
        {
            var kind = (GatewayKind)random.Next(3);
            var gateway = new GatewayBlock(kind);
            if (random.Next(4) == 0) gateway.Name = $"gw{++counter}" + Decorations[random.Next(Decorations.Length)];
            int branches = 1 + random.Next(4);
            bool hasDefault = false;
            var before = new List<string>(stream); // the steps right before the gateway: the loops most often written
            var targets = new HashSet<string>();
            bool hasEmpty = false;
            for (int i = 0; i < branches; i++)
            {
                var branch = new BranchBlock();
                if (kind != GatewayKind.Parallel)
                {
                    if (!hasDefault && random.Next(3) == 0) { branch.IsDefault = true; hasDefault = true; }
                    else branch.Condition = $"${{count}} > {i}";
                }
                string target = null;
                if (kind == GatewayKind.Exclusive && i > 0 && written.Count > 0 && random.Next(3) == 0)
                    target = before.Count > 0 && random.Next(2) == 0 ? before[random.Next(before.Count)] : written[random.Next(written.Count)];
                if (target != null && targets.Add(target)) // one loop per target: two flows between the same nodes are refused
                {
                    branch.GoTo = target;
                    HasLoops = true;
                }
                else
                {
                    branch.Body = Sequence(nesting, new List<string>());
                    if (branch.Body.Items.Count == 0 && hasEmpty) branch.Body.Items.Add(Step());
                    hasEmpty |= branch.Body.Items.Count == 0;
                }
                gateway.Branches.Add(branch);
            }
            return gateway;
        }
    }
}
