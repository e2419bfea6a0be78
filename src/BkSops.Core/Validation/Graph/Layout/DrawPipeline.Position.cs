using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Graph.Layout
{
    internal sealed partial class DrawPipeline
    {
        private const int StartX = 60, StartY = 100, CanvasWidth = 1300, SizeX = 150, ShiftY = 108;

        // pipeline_element_shift_y / _shift_x of position.py for the default sizes (activity 150x54, event 44, gateway 34).
        private static readonly Dictionary<string, int> ElementShiftY = new Dictionary<string, int>
        {
            { EmNode.DummyType, 0 }, { Py.ServiceActivity, 0 }, { Py.SubProcess, 0 },
            { Py.StartEvent, 5 }, { Py.EndEvent, 5 },
            { Py.ExclusiveGateway, 10 }, { Py.ConditionalParallelGateway, 10 }, { Py.ParallelGateway, 10 }, { Py.ConvergeGateway, 10 },
        };

        private static readonly Dictionary<string, double> ElementShiftX = new Dictionary<string, double>
        {
            { EmNode.DummyType, 0 }, { Py.ServiceActivity, 195.0 }, { Py.SubProcess, 195.0 },
            { Py.StartEvent, 88 }, { Py.EndEvent, 88 },
            { Py.ExclusiveGateway, 204 }, { Py.ConditionalParallelGateway, 204 }, { Py.ParallelGateway, 68 }, { Py.ConvergeGateway, 68 },
        };

        private static readonly Dictionary<string, string> ElementToWeb = new Dictionary<string, string>
        {
            { EmNode.DummyType, EmNode.DummyType }, { Py.ServiceActivity, "tasknode" }, { Py.SubProcess, "subflow" },
            { Py.StartEvent, "startpoint" }, { Py.EndEvent, "endpoint" }, { Py.ExclusiveGateway, "branchgateway" },
            { Py.ParallelGateway, "parallelgateway" }, { Py.ConvergeGateway, "convergegateway" },
            { Py.ConditionalParallelGateway, "conditionalparallelgateway" },
        };

        private static readonly Dictionary<string, string> WebToElement = Invert(ElementToWeb);

        /// <summary>True for the canvas types (<c>location[].type</c>) the layout knows: tasknode, branchgateway, ... and DummyNode.</summary>
        internal static bool IsWebType(string type) => WebToElement.ContainsKey(type);

        private static Dictionary<string, string> Invert(Dictionary<string, string> map)
        {
            var inverse = new Dictionary<string, string>();
            foreach (var pair in map) inverse[pair.Value] = pair.Key;
            return inverse;
        }

        /// <summary>A location: a copy of the tree's old <c>location</c> entry for the node, or a new one.</summary>
        /// <summary>Either <see cref="Old"/> (a copy of the tree's entry) or, for a new one, <see cref="Id"/>, <see cref="WebType"/> and <see cref="Name"/>.</summary>
        private sealed class Location
        {
            public JsonObject? Old;
            public JsonNode? Id;
            public string? WebType;
            public JsonNode? Name;
            public long X, Y;

            public JsonNode Type => Old != null ? Py.Subscript(Old, "type") : new JsonString(WebType ?? throw NotNew());

            /// <summary>A location without <see cref="Old"/> is always made with the new entry's fields.</summary>
            public static System.InvalidOperationException NotNew() => new System.InvalidOperationException("A new location lacks its id, type or name.");
        }

        private sealed class Line
        {
            public Line(string id, JsonNode source, JsonNode target, string sourceArrow, string targetArrow)
            {
                Id = id;
                Source = source;
                Target = target;
                SourceArrow = sourceArrow;
                TargetArrow = targetArrow;
            }

            public string Id;
            public string SourceArrow, TargetArrow;
            public JsonNode Source, Target;
            public double? Midpoint;
        }

        /// <summary>
        /// <c>position</c>: places layer after layer left to right (wrapping to a new row past the canvas width),
        /// then <c>position_flows</c>: a line per flow, whose <c>midpoint</c> divides by the height difference when
        /// the target starts a row ("float division by zero" when both ends are level).
        /// </summary>
        private void Position()
        {
            Phase = "position";
            long minRank = Orders.MinRank, maxRank = Orders.MaxRank;
            var oldLocations = OldLocations();
            locations = new PyDict<Location>();
            double rankX = StartX;
            long rankY = StartY;
            long newLineY = 0;
            for (long rk = minRank; rk < maxRank + 1; rk++)
            {
                double shiftX = 0;
                var layer = Orders.Layer(rk);
                long slots = 0;
                double orderX = rankX;
                long orderY = rankY;
                if (newLineY == 0) newLineY = rankY + ShiftY;
                foreach (var nodeId in layer)
                {
                    slots += 1;
                    PlaceNode(nodeId, oldLocations, orderX, orderY, ref shiftX, ref newLineY);
                    orderY += ShiftY;
                    if (FillNumbers.TryGetValue(nodeId, out long fill) && fill > 0)
                    {
                        slots += fill;
                        orderY += ShiftY * fill;
                    }
                }
                rankX += shiftX;
                if (rankX + SizeX > CanvasWidth && slots == 1 && rk < maxRank - 1)
                {
                    rankX = StartX;
                    rankY = newLineY;
                }
            }
            PositionFlows();
        }

        private void PlaceNode(string nodeId, PyDict<JsonObject> oldLocations, double orderX, long orderY, ref double shiftX, ref long newLineY)
        {
            if (!AllNodes.TryGetValue(nodeId, out var node)) return;
            long nodeY = orderY + ShiftYOf(node.Get("type"), nodeId);
            long nodeX = (long)System.Math.Truncate(orderX);
            double sx = ShiftXOf(node.Get("type"));
            if (sx > shiftX) shiftX = sx;
            if (oldLocations.TryGetValue(nodeId, out var old))
            {
                var copy = (JsonObject)old.Clone();
                copy.Set("x", JsonNode.From(nodeX));
                copy.Set("y", JsonNode.From(nodeY));
                Locations.Set(nodeId, new Location { Old = copy, X = nodeX, Y = nodeY });
            }
            else
            {
                var type = (JsonString)node.Get("type");
                Locations.Set(nodeId, new Location
                {
                    Id = keys.Value(nodeId),
                    WebType = ElementToWeb[type.Value],
                    Name = node.GetOrNull("name") ?? new JsonString(""),
                    X = nodeX,
                    Y = nodeY,
                });
            }
            if (nodeY >= newLineY) newLineY = nodeY + ShiftY;
        }

        private int ShiftYOf(JsonNode type, string nodeId)
        {
            string key = keys.Of(type);
            if (PyKeys.IsStr(key) && ElementShiftY.TryGetValue(key, out int shift)) return shift;
            throw PythonException.KeyError(Py.Repr(type)).At(nodeId, operation: "type");
        }

        private double ShiftXOf(JsonNode type)
        {
            string key = keys.Of(type);
            if (PyKeys.IsStr(key) && ElementShiftX.TryGetValue(key, out double shift)) return shift;
            throw PythonException.KeyError(Py.Repr(type));
        }

        /// <summary><c>{location["id"]: location for location in pipeline.get("location", [])}</c>.</summary>
        private PyDict<JsonObject> OldLocations()
        {
            var result = new PyDict<JsonObject>();
            if (!root.TryGetValue("location", out var value)) return result;
            foreach (var item in Py.Iterate(value))
            {
                var id = Py.Subscript(item, "id");
                // item is a dict: subscripting by "id" succeeded.
                result.Set(keys.Of(id), (JsonObject)item);
            }
            return result;
        }

        /// <summary>The checks of <c>position</c> alone, when the layout itself is too large to emulate.</summary>
        private void CheckPositionTypes()
        {
            Phase = "position";
            OldLocations();
            var byRank = new List<KeyValuePair<long, string>>();
            foreach (var entry in AllNodes.Live())
                if (Ranks.TryGetValue(entry.Key, out long rank)) byRank.Add(new KeyValuePair<long, string>(rank, entry.Key));
            byRank.Sort((a, b) => a.Key.CompareTo(b.Key));
            foreach (var pair in byRank)
            {
                var node = AllNodes.Get(pair.Value, keys);
                ShiftYOf(node.Get("type"), pair.Value);
            }
        }

        private void PositionFlows()
        {
            var combined = new PyDict<EmFlow>();
            foreach (var entry in Flows.Live()) combined.Set(entry.Key, entry.Value);
            foreach (var entry in RealFlowsChain.Live()) combined.Set(entry.Key, entry.Value);
            foreach (var entry in ReversedFlows.Live()) combined.Set(entry.Key, new EmFlow(entry.Value));
            lines = new PyDict<Line>();
            foreach (var entry in combined.Live())
            {
                var flow = entry.Value;
                var source = flow.Get("source");
                var sourceLocation = LocationOf(source);
                var target = flow.Get("target");
                var targetLocation = LocationOf(target);
                long sourceY = sourceLocation.Y - ShiftOfWebType(sourceLocation.Type);
                long targetY = targetLocation.Y - ShiftOfWebType(targetLocation.Type);
                Arrows(sourceLocation.X, sourceY, targetLocation.X, targetY, out var sourceArrow, out var targetArrow);
                var line = new Line(entry.Key, source, target, sourceArrow, targetArrow);
                Lines.Set(entry.Key, line);
                if (targetLocation.X == StartX)
                {
                    long dy = targetLocation.Y - sourceLocation.Y;
                    if (dy == 0) throw new PythonException(PythonErrorKind.ZeroDivisionError, "float division by zero").At(keys.Of(target), entry.Key);
                    line.Midpoint = 1 - ShiftY * 0.5 / dy;
                }
            }
        }

        private Location LocationOf(JsonNode id)
        {
            string key = keys.Of(id);
            if (Locations.TryGetValue(key, out var location)) return location;
            throw PythonException.KeyError(Py.Repr(id)).At(key);
        }

        private int ShiftOfWebType(JsonNode webType)
        {
            string key = keys.Of(webType);
            if (!PyKeys.IsStr(key) || !WebToElement.TryGetValue(key, out var element)) throw PythonException.KeyError(Py.Repr(webType));
            return ElementShiftY[element];
        }

        private static void Arrows(long sx, long sy, long tx, long ty, out string sourceArrow, out string targetArrow)
        {
            if (sx < tx)
            {
                if (sy < ty) { sourceArrow = "Bottom"; targetArrow = "Left"; }
                else if (sy > ty) { sourceArrow = "Right"; targetArrow = "Bottom"; }
                else { sourceArrow = "Right"; targetArrow = "Left"; }
            }
            else if (sx > tx)
            {
                if (sy < ty) { sourceArrow = "Right"; targetArrow = "Left"; }
                else { sourceArrow = "Bottom"; targetArrow = "Bottom"; }
            }
            else
            {
                if (sy < ty) { sourceArrow = "Bottom"; targetArrow = "Top"; }
                else if (sy > ty) { sourceArrow = "Top"; targetArrow = "Bottom"; }
                else { sourceArrow = "Right"; targetArrow = "Bottom"; }
            }
        }
    }
}
