using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        /// <summary>Also write <c>location</c> and <c>line</c> as the server does (off for validation: nothing later reads them).</summary>
        public bool WriteLayout { get; set; }

        /// <summary>
        /// Leaves the working copy as the server's: the flows dict in its new order (self-loops and long flows moved
        /// to the end, reversed flows replaced by their copies), <c>all_nodes</c> popped, optionally the layout.
        /// The nodes' incoming/outgoing lists were changed in place already.
        /// </summary>
        private void Commit()
        {
            Phase = "draw_pipeline";
            var original = root["flows"] as JsonObject ?? throw new System.InvalidOperationException("flows is not a dict after the layout.");
            var positions = new Dictionary<string, JsonProperty>();
            foreach (var p in original.Properties) positions[p.Name] = p;
            var reordered = new JsonObject();
            foreach (var entry in Flows.Live())
            {
                if (entry.Value.IsDummy || !PyKeys.IsStr(entry.Key)) continue;
                positions.TryGetValue(entry.Key, out var at);
                var real = entry.Value.Real ?? throw new System.InvalidOperationException($"Flow '{entry.Key}' is neither a dummy nor real.");
                reordered.Set(entry.Key, real, at.Line, at.Column);
            }
            root.Set("flows", reordered);
            root.Remove("all_nodes");
            if (WriteLayout && locations != null) WriteLocationsAndLines();
        }

        private void WriteLocationsAndLines()
        {
            var locationList = new JsonArray();
            foreach (var location in Locations.Values())
            {
                if (location.Old != null)
                {
                    locationList.Add(location.Old);
                    continue;
                }
                if (location.Id == null || location.WebType == null || location.Name == null) throw Location.NotNew();
                var o = new JsonObject();
                o.Set("id", location.Id);
                o.Set("type", new JsonString(location.WebType));
                o.Set("name", location.Name.Clone());
                o.Set("status", new JsonString(""));
                o.Set("x", JsonNode.From(location.X));
                o.Set("y", JsonNode.From(location.Y));
                locationList.Add(o);
            }
            var lineList = new JsonArray();
            foreach (var line in Lines.Values())
            {
                var o = new JsonObject();
                o.Set("id", new JsonString(line.Id));
                o.Set("source", End(line.SourceArrow, line.Source));
                o.Set("target", End(line.TargetArrow, line.Target));
                if (line.Midpoint.HasValue) o.Set("midpoint", new JsonNumber(PythonRepr.FloatRepr(line.Midpoint.Value)));
                lineList.Add(o);
            }
            root.Set("location", locationList);
            root.Set("line", lineList);
        }

        private static JsonObject End(string arrow, JsonNode id)
        {
            var o = new JsonObject();
            o.Set("arrow", new JsonString(arrow));
            o.Set("id", id.Clone());
            return o;
        }
    }
}
