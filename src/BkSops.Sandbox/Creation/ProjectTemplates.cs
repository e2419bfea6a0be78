using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using BkSops.Json;

namespace BkSops.Sandbox.Creation
{
    /// <summary>One registered project template: its tree, and the ids bk-sops keeps for it.</summary>
    public sealed class ProjectTemplate
    {
        internal ProjectTemplate(long id, JsonObject tree)
        {
            Id = id;
            Tree = tree;
            byte[] json = Encoding.UTF8.GetBytes(JsonWriter.Write(tree, indented: false));
            Version = Hex(Md5(json));
            // PipelineTemplate.template_id: stable for the same id and tree, so a restarted sandbox reads its old tasks the same way.
            string pipelineId = Hex(Md5(Encoding.UTF8.GetBytes("bksops-sandbox template " + id + " " + Version)));
            PipelineTemplateId = "n" + pipelineId.Substring(1);
        }

        /// <summary>The template's primary key (what a SubProcess's <c>template_id</c> names in a request).</summary>
        public long Id { get; }

        public JsonObject Tree { get; }

        /// <summary>bk-sops' template version: the MD5 of its snapshot (here of the tree's compact JSON).</summary>
        public string Version { get; }

        /// <summary>The pipeline template's id, which replaces <c>template_id</c> in a created task's tree.</summary>
        public string PipelineTemplateId { get; }

        private static byte[] Md5(byte[] data)
        {
            using (var md5 = MD5.Create()) return md5.ComputeHash(data);
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }

    /// <summary>The project's templates (<c>-Template</c>), by primary key and by pipeline template id.</summary>
    public sealed class ProjectTemplates
    {
        private readonly Dictionary<long, ProjectTemplate> byId = new Dictionary<long, ProjectTemplate>();
        private readonly Dictionary<string, ProjectTemplate> byPipelineId = new Dictionary<string, ProjectTemplate>(StringComparer.Ordinal);

        public ProjectTemplates(IDictionary<long, JsonObject>? trees)
        {
            if (trees == null) return;
            foreach (var p in trees)
            {
                if (p.Value == null) continue;
                var template = new ProjectTemplate(p.Key, p.Value);
                byId[p.Key] = template;
                byPipelineId[template.PipelineTemplateId] = template;
            }
        }

        public ICollection<long> Ids => byId.Keys;

        public ProjectTemplate? Find(long id) => byId.TryGetValue(id, out var t) ? t : null;

        public ProjectTemplate? FindByPipelineId(string pipelineTemplateId) => byPipelineId.TryGetValue(pipelineTemplateId, out var t) ? t : null;
    }
}
