using BkSops.Validation.Python;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// bk-sops' <c>WEB_PIPELINE_SCHEMA</c> (<c>pipeline_web/parser/schemas.py</c>, spec 2.4), rebuilt keyword by
    /// keyword in the source's order. Keys of <c>activities</c>, <c>gateways</c>, <c>flows</c>, component data,
    /// conditions and source_info are checked only when they match Python's <c>^\w+$</c>; constants when they contain
    /// any character but a newline (pattern <c>.</c>).
    /// </summary>
    public static class WebPipelineSchema
    {
        public const int ActivityNameMaxLength = 50;
        public const int ConstantNameMaxLength = 50;
        public const string WordKeyPattern = @"^\w+$";
        public const string AnyCharPattern = ".";

        private static readonly string[] ActivityTypes = { "ServiceActivity", "SubProcess" };
        private static readonly string[] ConstantSourceTypes = { "component_inputs", "component_outputs", "custom", "system" };
        private static readonly string[] ShowTypes = { "show", "hide" };

        /// <summary>The schema, built once.</summary>
        public static SchemaNode Root { get; } = Build();

        private static SchemaNode Str() => new SchemaNode().Type("string");

        private static SchemaNode OneFlow() => new SchemaNode().Labelled("OneFlow").AnyOfSchemas(
            Str(),
            new SchemaNode().Type("array").WithItems(Str().WithMinLength(1)).WithMinItems(1).WithMaxItems(1));

        private static SchemaNode MultipleFlow() => new SchemaNode().Labelled("MultipleFlow").AnyOfSchemas(
            Str(),
            new SchemaNode().Type("array").WithItems(Str().WithMinLength(1)).WithMinItems(1));

        private static SchemaNode Words(SchemaNode entry) =>
            new SchemaNode().Type("object").WithPatternProperty(WordKeyPattern, PythonText.IsWordKey, entry);

        private static SchemaNode Gateway(string type, bool branching, bool conditions)
        {
            var properties = conditions
                ? new (string, SchemaNode)[]
                {
                    ("id", Str()),
                    ("type", Str().OneOfValues(type)),
                    ("name", Str().WithMaxLength(ActivityNameMaxLength)),
                    ("conditions", Words(new SchemaNode().Type("object").WithProperties(("evaluate", Str())).Requires("evaluate"))),
                    ("incoming", MultipleFlow()),
                    ("outgoing", MultipleFlow()),
                }
                : new (string, SchemaNode)[]
                {
                    ("id", Str()),
                    ("type", Str().OneOfValues(type)),
                    ("name", Str().WithMaxLength(ActivityNameMaxLength)),
                    ("incoming", MultipleFlow()),
                    ("outgoing", branching ? MultipleFlow() : OneFlow()),
                };
            var required = conditions
                ? new[] { "id", "type", "name", "incoming", "outgoing", "conditions" }
                : new[] { "id", "type", "name", "incoming", "outgoing" };
            return new SchemaNode().Labelled(type).Type("object").WithProperties(properties).Requires(required);
        }

        private static SchemaNode Build()
        {
            var startEvent = new SchemaNode().Type("object").WithProperties(
                    ("id", Str()),
                    ("name", Str()),
                    ("type", Str().OneOfValues("EmptyStartEvent")),
                    ("outgoing", OneFlow()))
                .Requires("id", "name", "type", "outgoing");

            var endEvent = new SchemaNode().Type("object").WithProperties(
                    ("id", Str()),
                    ("name", Str()),
                    ("type", Str().OneOfValues("EmptyEndEvent")),
                    ("incoming", MultipleFlow()))
                .Requires("id", "name", "type", "incoming");

            var flows = Words(new SchemaNode().Type("object")
                .WithProperties(("id", Str()), ("source", Str()), ("target", Str()))
                .Requires("id", "source", "target"));

            var gateways = new SchemaNode().Type("object").WithPatternProperty(WordKeyPattern, PythonText.IsWordKey,
                new SchemaNode().OneOfSchemas(
                    Gateway("ConvergeGateway", branching: false, conditions: false),
                    Gateway("ParallelGateway", branching: true, conditions: false),
                    Gateway("ExclusiveGateway", branching: true, conditions: true),
                    Gateway("ConditionalParallelGateway", branching: true, conditions: true)));

            var dataItem = new SchemaNode().Type("object")
                .WithProperties(
                    ("hook", new SchemaNode().Type("boolean")),
                    ("value", new SchemaNode().Type("string", "boolean", "object", "null", "number", "array")))
                .Requires("hook", "value");
            var component = new SchemaNode().Type("object")
                .WithProperties(("code", Str()), ("data", Words(dataItem)))
                .Requires("code", "data");
            var activities = Words(new SchemaNode().Type("object")
                .WithProperties(
                    ("id", Str()),
                    ("type", Str().OneOfValues(ActivityTypes)),
                    ("name", Str().WithMinLength(1).WithMaxLength(ActivityNameMaxLength)),
                    ("incoming", MultipleFlow()),
                    ("outgoing", OneFlow()),
                    ("component", component))
                .Requires("id", "name", "type", "incoming", "outgoing"));

            var constant = new SchemaNode().Type("object").WithProperties(
                ("source_tag", Str()),
                ("name", Str().WithMinLength(1).WithMaxLength(ConstantNameMaxLength)),
                ("custom_type", Str()),
                ("source_type", Str().OneOfValues(ConstantSourceTypes)),
                ("validation", Str()),
                ("source_info", Words(new SchemaNode().Type("array").WithItems(Str()))),
                ("key", Str().Matching(AnyCharPattern, PythonText.HasNonNewline)),
                ("desc", Str()),
                ("show_type", Str().OneOfValues(ShowTypes)));
            var constants = new SchemaNode().Type("object").WithPatternProperty(AnyCharPattern, PythonText.HasNonNewline, constant);

            var outputs = new SchemaNode().Type("array").WithItems(Str());

            return new SchemaNode().Type("object")
                .WithProperties(
                    ("start_event", startEvent),
                    ("end_event", endEvent),
                    ("flows", flows),
                    ("gateways", gateways),
                    ("activities", activities),
                    ("constants", constants),
                    ("outputs", outputs))
                .Requires("start_event", "end_event", "activities", "gateways", "outputs", "constants");
        }
    }
}
