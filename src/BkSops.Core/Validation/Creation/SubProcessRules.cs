using BkSops.Json;
using BkSops.Validation.Names;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>The diagnostics of the SubProcess template check (spec 1.4 step 5, contracts 2).</summary>
    public static class SubProcessRules
    {

        private static string PathOf(string activity) => JsonPath.Member(TreePlaces.PathOf("activities", activity), "template_id");

        public static Diagnostic NotChecked(string activity, JsonNode id, bool commonAllowed) => new Diagnostic
        {
            RuleName = Rules.SubProcessTemplateNotChecked.Name,
            Severity = Severity.Information,
            NodeId = activity,
            Path = PathOf(activity),
            Message = $"Activity '{activity}' refers to template {PythonRepr.Repr(id)}; whether that template exists"
                + (commonAllowed ? "" : " in the project")
                + " can only be checked by the server, so this verdict assumes it does.",
            Hint = "Check the id in the project's template list (bk-sops get_template_list), or validate with the project's known template ids.",
        };

        public static Diagnostic Invalid(string activity, JsonNode id, bool checkedAgainstProject)
        {
            string why;
            if (id is JsonString)
                why = "is a string; the server compares template ids with the integer ids of the project's templates, so a string never matches";
            else if (checkedAgainstProject)
                why = "is not the id of a flow template of this project";
            else
                why = "can never be the id of a flow template (ids are integers from 1 up)";
            return new Diagnostic
            {
                RuleName = Rules.SubProcessTemplateInvalid.Name,
                Severity = Severity.Error,
                NodeId = activity,
                Path = PathOf(activity),
                Message = $"The template_id {PythonRepr.Repr(id)} of activity '{activity}' {why}.",
                Hint = "Give template_id as the JSON number of a flow template of this project (or send has_common_subprocess for common templates).",
            };
        }

        public static Diagnostic Unhashable(string activity, JsonNode id) => new Diagnostic
        {
            RuleName = Rules.SubProcessTemplateIdUnhashable.Name,
            Severity = Severity.Error,
            NodeId = activity,
            Path = PathOf(activity),
            Message = $"The template_id of activity '{activity}' is {Schema.SchemaRules.Shape(id)}; the server puts template ids in a set, cannot do so with a {id.PythonTypeName}, and fails with an internal error (HTTP 500).",
            Hint = "Give template_id as the number of the flow template.",
        }.Http500();

        public static Diagnostic WithoutTemplateId(string activity) => new Diagnostic
        {
            RuleName = Rules.SubProcessWithoutTemplateId.Name,
            Severity = Severity.Error,
            NodeId = activity,
            Path = TreePlaces.PathOf("activities", activity),
            Message = $"Activity '{activity}' is a SubProcess without a 'template_id'; the server looks the sub-flow up by that id when it creates the task and fails with an internal error (HTTP 500).",
            Hint = "Add \"template_id\": <id of the flow template> to the SubProcess activity.",
        }.Http500();
    }
}
