using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Sandbox.Api
{
    /// <summary>
    /// The plugins get_plugin_list shows (contracts.md section 5): <c>sleep_timer</c>, <c>pause_node</c> and every
    /// code of <c>-FailPlugin</c>, in the shape of S <c>gcloud/apigw/views/get_plugin_list.py</c>.
    /// </summary>
    public static class PluginCatalog
    {
        public static JsonArray List(IEnumerable<string> failPlugins)
        {
            var list = new JsonArray();
            list.Add(Plugin("sleep_timer", "定时", "Waits bk_timing seconds (scaled by the sandbox's TimeScale).",
                new[] { Input("bk_timing", "定时时间", "string", true, "Seconds to wait: a number or numeric text.") },
                new JsonArray()));
            list.Add(Plugin("pause_node", "暂停", "Waits until it is resumed through operate_node (callback) or node_callback.",
                new JsonObject[0],
                new JsonArray(new JsonNode[] { Output("callback_data", "回调数据", "object", "The data of the callback that resumed the node.") })));
            foreach (var code in failPlugins ?? new string[0])
                list.Add(Plugin(code, code, "A plugin the sandbox was started to fail (-FailPlugin).", new JsonObject[0], new JsonArray()));
            return list;
        }

        private static JsonObject Plugin(string code, string name, string desc, JsonObject[] inputs, JsonArray outputs)
        {
            var o = new JsonObject();
            o.Set("inputs", new JsonArray(inputs));
            o.Set("outputs", outputs);
            o.Set("desc", new JsonString(desc));
            o.Set("code", new JsonString(code));
            o.Set("name", new JsonString(name));
            o.Set("group_name", new JsonString("蓝鲸服务(BK)"));
            o.Set("version", new JsonString("legacy"));
            o.Set("form", new JsonString(""));
            return o;
        }

        private static JsonObject Input(string key, string name, string type, bool required, string description)
        {
            var o = Output(key, name, type, description);
            o.Set("required", JsonNode.From(required));
            return o;
        }

        private static JsonObject Output(string key, string name, string type, string description)
        {
            var o = new JsonObject();
            o.Set("name", new JsonString(name));
            o.Set("key", new JsonString(key));
            o.Set("type", new JsonString(type));
            var schema = new JsonObject();
            schema.Set("type", new JsonString(type));
            schema.Set("description", new JsonString(description));
            o.Set("schema", schema);
            return o;
        }
    }
}
