using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using BkSops.Json;
using Xunit;

namespace BkSops.Sandbox.Tests.Server
{
    /// <summary>Every tree of tests/data/server-verdicts gets, over HTTP, the answer the real server gave it.</summary>
    public class ServerVerdictParityTests
    {
        public static IEnumerable<object[]> Cases()
        {
            var verdicts = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(SandboxHost.Verdicts, "verdicts.json")));
            foreach (var p in verdicts.Properties) yield return new object[] { p.Name };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task TheSandboxAnswersLikeTheServer(string file)
        {
            var verdicts = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(SandboxHost.Verdicts, "verdicts.json")));
            var expected = verdicts.Obj(file);
            string tree = File.ReadAllText(Path.Combine(SandboxHost.Verdicts, file));
            using (var host = new SandboxHost())
            {
                var reply = await host.Create(tree, name: "parity");
                bool accepted = expected["accepted"] is JsonBoolean b && b.Value;
                if (accepted)
                {
                    Assert.True(reply.Result, reply.Text);
                    Assert.Equal(1, host.Server.Tasks.Count);
                }
                else if (expected["message"] is JsonString message)
                {
                    Assert.Equal(200, reply.Status);
                    Assert.False(reply.Result);
                    Assert.Equal(message.Value, reply.Message);
                    Assert.Equal(expected.Num("code"), reply.Code);
                    Assert.Equal(0, host.Server.Tasks.Count);
                }
                else
                {
                    Assert.Equal(500, reply.Status);
                    Assert.Null(reply.Json);
                    Assert.Equal(0, host.Server.Tasks.Count);
                }
            }
        }
    }
}
