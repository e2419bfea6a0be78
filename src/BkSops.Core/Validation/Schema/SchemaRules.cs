using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Schema
{
    /// <summary>Turns a schema error into a diagnostic with a plain-English message and a hint (spec 2.4).</summary>
    public static class SchemaRules
    {

        private static readonly string[] GatewayTypes = { "ConvergeGateway", "ParallelGateway", "ExclusiveGateway", "ConditionalParallelGateway" };

        public static Diagnostic Describe(SchemaError error, JsonObject work)
        {
            var place = Place.Of(error.InstancePath, work);
            string ruleName, message, hint;
            string subject = place.Subject;
            switch (error.Keyword)
            {
                case "required":
                    ruleName = Rules.SchemaMissingField.Name;
                    message = $"{Cap(subject)} has no '{error.MissingProperty}' field, which the server requires.";
                    hint = MissingFieldHint(error.MissingProperty, subject);
                    break;
                case "type":
                    ruleName = Rules.SchemaWrongType.Name;
                    message = $"{Cap(subject)} is {Shape(error.Instance)}, but the server requires {Expected(error.Schema.Types ?? SchemaNode.Missing<string[]>("type"))}.";
                    hint = $"Write {subject} as {Expected(error.Schema.Types ?? SchemaNode.Missing<string[]>("type"))}.";
                    break;
                case "enum":
                    var allowed = error.Schema.Enum ?? SchemaNode.Missing<IReadOnlyList<string>>("enum");
                    ruleName = Rules.SchemaValueNotAllowed.Name;
                    message = $"{Cap(subject)} is {Shape(error.Instance)}, which is not one of the values the server accepts ({string.Join(", ", allowed)}).";
                    hint = EnumHint(place.Field, allowed);
                    break;
                case "minLength":
                    ruleName = Rules.SchemaEmptyText.Name;
                    message = place.Field == "name"
                        ? $"The name of {place.Where} is empty once the server has removed the characters < > $ & ' \"; it needs at least one character."
                        : $"{Cap(subject)} is empty; the server requires at least {error.Schema.MinLength} character(s).";
                    hint = place.Field == "name"
                        ? "Give it a name of 1 to 50 characters that are not only < > $ & ' \"."
                        : $"Fill in {subject}.";
                    break;
                case "maxLength":
                    ruleName = Rules.SchemaTextTooLong.Name;
                    message = $"{Cap(subject)} is {PythonText.Length(((JsonString)error.Instance).Value)} characters long; the server allows at most {error.Schema.MaxLength}.";
                    hint = $"Shorten it to {error.Schema.MaxLength} characters.";
                    break;
                case "minItems":
                    ruleName = Rules.SchemaListTooShort.Name;
                    message = $"{Cap(subject)} is an empty list; the server requires at least {error.Schema.MinItems} item(s).";
                    hint = $"Add the missing item to {subject}.";
                    break;
                case "maxItems":
                    ruleName = Rules.SchemaListTooLong.Name;
                    message = $"{Cap(subject)} has {((JsonArray)error.Instance).Count} items; the server allows at most {error.Schema.MaxItems}.";
                    hint = $"Remove the extra items from {subject}.";
                    break;
                case "pattern":
                    ruleName = Rules.SchemaPatternMismatch.Name;
                    message = $"{Cap(subject)} is {Shape(error.Instance)}; the server requires at least one character that is not a line break.";
                    hint = place.Field == "key" ? "Set 'key' to the constant's own key, e.g. \"${name}\"." : $"Fill in {subject}.";
                    break;
                case "anyOf":
                    ruleName = Rules.SchemaInvalidFlowList.Name;
                    DescribeFlowList(error, place, out message, out hint);
                    break;
                case "oneOf":
                    ruleName = Rules.SchemaInvalidGateway.Name;
                    DescribeGateway(error, work, place, out message, out hint);
                    break;
                default:
                    ruleName = "Schema" + error.Keyword;
                    message = $"{Cap(subject)} breaks the server's schema: {error.Message}.";
                    hint = "Fix the value to match the bk-sops pipeline_tree schema.";
                    break;
            }
            return new Diagnostic { Severity = Severity.Error, NodeId = place.NodeId, Path = error.JsonPathText, RuleName = ruleName, Message = message, Hint = hint };
        }

        private static void DescribeFlowList(SchemaError error, Place place, out string message, out string hint)
        {
            bool single = error.Schema.Label == "OneFlow";
            string rule = single
                ? "one flow id: a string, or a list holding exactly one non-empty string"
                : "flow ids: a string, or a list of one or more non-empty strings";
            message = $"{Cap(place.Subject)} must be {rule}; it is {FlowListProblem(error.Instance, single)}.";
            if (single && error.Instance is JsonArray many && many.Count > 1)
                hint = place.Field == "outgoing"
                    ? "A node of this kind has exactly one outgoing flow; to branch, lead it into a parallel or exclusive gateway. Also write a single outgoing flow as a plain string: the server crashes on a one-item list when it creates the task."
                    : "Keep exactly one flow id here.";
            else if (error.Instance is JsonArray empty && empty.Count == 0)
                hint = $"List the flows in {place.Subject} (at least one), e.g. [\"line...\"].";
            else
                hint = single ? "Write the flow id as a plain string, e.g. \"line...\"." : "Write the flow ids as a list of strings, e.g. [\"line...\"].";
        }

        private static string FlowListProblem(JsonNode value, bool single)
        {
            if (!(value is JsonArray list)) return Shape(value);
            if (list.Count == 0) return "an empty list";
            if (single && list.Count > 1) return $"a list of {list.Count} flow ids ({Short(PythonRepr.Repr(list))})";
            for (int i = 0; i < list.Count; i++)
            {
                if (!(list[i] is JsonString s)) return $"a list whose item {i} is {Shape(list[i])}";
                if (s.Value.Length == 0) return $"a list whose item {i} is an empty string";
            }
            return Short(PythonRepr.Repr(list));
        }

        private static void DescribeGateway(SchemaError error, JsonObject work, Place place, out string message, out string hint)
        {
            string where = Cap(place.Where);
            hint = "A gateway needs id, type, name (at most 50 characters), incoming and outgoing; ExclusiveGateway and ConditionalParallelGateway also need 'conditions'. A converge gateway has one outgoing flow.";
            if (!(error.Instance is JsonObject gateway))
            {
                message = $"{where} is {Shape(error.Instance)}, not an object.";
                return;
            }
            var type = gateway["type"] as JsonString;
            int option = type == null ? -1 : System.Array.IndexOf(GatewayTypes, type.Value);
            if (type == null || option < 0)
            {
                message = gateway.ContainsKey("type")
                    ? $"{where} has type {Shape(gateway["type"])}, which is not a gateway type the server knows ({string.Join(", ", GatewayTypes)})."
                    : $"{where} has no 'type'; the server needs one of {string.Join(", ", GatewayTypes)}.";
                hint = $"Set 'type' to one of {string.Join(", ", GatewayTypes)}.";
                return;
            }
            var branch = (error.Schema.OneOf ?? SchemaNode.Missing<SchemaNode[]>("oneOf"))[option];
            var reasons = SchemaEvaluator.Validate(branch, gateway, error.InstancePath)
                .Select(e => Describe(e, work).Message)
                .ToList();
            message = $"{where} does not have the shape of a {type.Value}: " + string.Join(" ", reasons);
            if (type.Value == "ExclusiveGateway" || type.Value == "ConditionalParallelGateway")
                hint = $"A {type.Value} needs id, type, name (at most 50 characters), incoming, outgoing (a list of flow ids) and 'conditions': {{\"<flow id>\": {{\"evaluate\": \"${{x}} == 1\"}}}} for its outgoing flows.";
        }

        private static string MissingFieldHint(string? property, string subject)
        {
            switch (property)
            {
                case "start_event":
                case "end_event":
                case "activities":
                    return "A pipeline tree needs start_event, end_event, activities and flows (gateways, constants and outputs are added when missing).";
                case "hook":
                case "value":
                    return "Each component.data input needs both \"hook\" (true when its value comes from a constant, else false) and \"value\".";
                case "code":
                case "data":
                    return "A component needs its plugin 'code' and a 'data' object of inputs ({} when the plugin has none).";
                case "evaluate":
                    return "Each condition needs an 'evaluate' expression, e.g. {\"evaluate\": \"${x} == 1\"}.";
                case "conditions":
                    return "Add 'conditions' with one {\"evaluate\": \"...\"} per outgoing flow, keyed by flow id.";
                case "name":
                    return $"Add a 'name' to {subject} (\"\" is fine for events and gateways; activities need 1 to 50 characters).";
                case "incoming":
                case "outgoing":
                    return $"Add '{property}' to {subject}: the id(s) of the flows that {(property == "incoming" ? "end" : "start")} at it.";
                default:
                    return $"Add the '{property}' field to {subject}.";
            }
        }

        private static string EnumHint(string? field, IReadOnlyList<string> allowed)
        {
            switch (field)
            {
                case "type": return $"Use one of {string.Join(", ", allowed)} as the type.";
                case "source_type": return "Use source_type \"custom\" for a task parameter you define, \"component_inputs\"/\"component_outputs\" for one tied to a plugin input/output.";
                case "show_type": return "Use \"show\" (the user sees and can set it) or \"hide\".";
                default: return $"Use one of: {string.Join(", ", allowed)}.";
            }
        }

        /// <summary>"a number (5)", "an object", "null", "a list of 2 items", "the text 'abc'".</summary>
        internal static string Shape(JsonNode? value)
        {
            switch (value)
            {
                case JsonString s: return s.Value.Length == 0 ? "an empty string" : $"the text {Short(PythonRepr.ReprString(s.Value))}";
                case JsonNumber n: return $"a number ({Short(PythonRepr.Repr(n))})";
                case JsonBoolean b: return $"a boolean ({(b.Value ? "true" : "false")})";
                case JsonNull _: return "null";
                case JsonArray a: return a.Count == 0 ? "an empty list" : $"a list of {a.Count} item{(a.Count == 1 ? "" : "s")}";
                case JsonObject _: return "an object";
                default: return "missing";
            }
        }

        private static string Expected(string[] types)
        {
            var words = types.Select(t =>
            {
                switch (t)
                {
                    case "string": return "a string";
                    case "object": return "an object";
                    case "array": return "a list";
                    case "boolean": return "true or false";
                    case "number": return "a number";
                    case "integer": return "an integer";
                    case "null": return "null";
                    default: return t;
                }
            }).ToList();
            return words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[words.Count - 1];
        }

        internal static string Short(string text) => NameRules.Shorten(text);

        internal static string Cap(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        /// <summary>Where in the tree an instance path points, in words.</summary>
        private sealed class Place
        {
            /// <summary>The element, e.g. "input 'bk_timing' of activity 'node1'" (the whole tree for an empty path).</summary>
            public string Where = "the pipeline tree";
            /// <summary>The field inside it ("name", "component.code"), or null.</summary>
            public string? Field;
            public string? NodeId;

            public string Subject => Field == null ? Where : $"'{Field}' of {Where}";

            public static Place Of(IReadOnlyList<PathSegment> path, JsonObject work)
            {
                var p = new Place();
                if (path.Count == 0) return p;
                string top = path[0].ToString(); // a member name: the tree is an object
                int next = 1;
                switch (top)
                {
                    case "start_event":
                    case "end_event":
                        p.Where = TreePlaces.Describe(top, null);
                        p.NodeId = TreePlaces.NodeIdOf(work, top, null);
                        break;
                    case "activities":
                    case "gateways":
                    case "flows":
                    case "constants":
                        if (path.Count > 1)
                        {
                            p.NodeId = path[1].Name;
                            next = 2;
                        }
                        p.Where = TreePlaces.Describe(top, p.NodeId);
                        break;
                    case "outputs":
                        p.Where = path.Count > 1 ? $"outputs entry {path[1].Index}" : "the outputs list";
                        next = path.Count > 1 ? 2 : 1;
                        break;
                    default:
                        p.Where = TreePlaces.Describe(top, null);
                        break;
                }
                if (top == "activities" && path.Count > next + 2 && path[next].Name == "component" && path[next + 1].Name == "data")
                {
                    p.Where = $"input '{path[next + 2].Name}' of {p.Where}";
                    next += 3;
                }
                else if (top == "gateways" && path.Count > next + 1 && path[next].Name == "conditions")
                {
                    p.Where = $"the condition for flow '{path[next + 1].Name}' of {p.Where}";
                    next += 2;
                }
                else if (top == "constants" && path.Count > next + 1 && path[next].Name == "source_info")
                {
                    p.Where = $"source_info['{path[next + 1].Name}'] of {p.Where}";
                    next += 2;
                }
                if (next < path.Count)
                {
                    var field = new System.Text.StringBuilder();
                    for (int i = next; i < path.Count; i++)
                    {
                        if (path[i].IsIndex) field.Append('[').Append(path[i].Index).Append(']');
                        else
                        {
                            if (field.Length > 0) field.Append('.');
                            field.Append(path[i].Name);
                        }
                    }
                    p.Field = field.ToString();
                }
                return p;
            }
        }
    }
}
